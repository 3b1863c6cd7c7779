import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import type { EmergencyAlert } from '../../../../contract/occupancy.ts';
import { formatTime } from '../../../i18n/format.ts';
import type { MessageId } from '../../../i18n/i18n.ts';
import { useT } from '../../../i18n/use-t.ts';
import { useResourceUrl } from '../../../lib/authorized-resource.ts';
import { readStored, writeStored } from '../../../platform/browser-storage.ts';
import { useAcknowledgeAlert, useEmergencyAlerts } from '../api/occupancy.ts';

const MUTED_KEY = 'hotdesk.alarmMuted';

/** A short two-tone alarm every two seconds while `on` (where the browser plays sound at all). */
function useAlarm(on: boolean): void {
  useEffect(() => {
    if (!on || typeof AudioContext === 'undefined') return;
    const audio = new AudioContext();
    const beep = () => {
      void audio.resume().catch(() => undefined);
      for (const [offset, frequency] of [
        [0, 880],
        [0.25, 660],
      ] as const) {
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = frequency;
        gain.gain.value = 0.15;
        tone.connect(gain).connect(audio.destination);
        tone.start(audio.currentTime + offset);
        tone.stop(audio.currentTime + offset + 0.2);
      }
    };
    beep();
    const timer = setInterval(beep, 2000);
    return () => {
      clearInterval(timer);
      void audio.close();
    };
  }, [on]);
}

const MAIL_STATES: Record<EmergencyAlert['emails'][number]['state'], MessageId> = {
  queued: 'alarm.emailSending',
  sent: 'alarm.emailSent',
  failed: 'alarm.emailFailed',
  held: 'alarm.emailHeld',
};

/** The desk marked on its floor's plan (the plan hidden when the floor has none). */
function AlertMap({ floorId, position, desk }: { floorId: string; position: { x: number; y: number }; desk: string }) {
  const t = useT();
  const [failed, setFailed] = useState(false);
  // Inside myApps (a bearer session) the image is fetched with the token and shown from memory.
  const plan = useResourceUrl(`/api/v1/floors/${floorId}/plan`);
  const captionId = useId();
  return (
    <figure className="alarm-map" aria-labelledby={captionId}>
      <div className="plan-frame">
        {plan !== null && !failed ? (
          <img src={plan} alt="" onError={() => setFailed(true)} />
        ) : (
          <div className="plan-frame-blank" />
        )}
        <span
          className="alarm-map-marker"
          style={{ left: `${position.x * 100}%`, top: `${position.y * 100}%` }}
          aria-hidden="true"
        />
      </div>
      <figcaption id={captionId}>{t('alarm.mapCaption', { desk })}</figcaption>
    </figure>
  );
}

function where(alert: EmergencyAlert): string {
  return [alert.address, alert.siteName, alert.floorName, alert.deskName].filter(Boolean).join(', ');
}

/**
 * Every open emergency alert, on every page of a helpdesk or administrator console, until someone acknowledges it
 * (also after a reload, and whichever instance the console talks to): who called, the callback number, where, when,
 * the desk on its floor map; a sound that can be muted on this browser.
 */
export function EmergencyAlerts() {
  const t = useT();
  const alerts = useEmergencyAlerts();
  const acknowledge = useAcknowledgeAlert();
  const [muted, setMuted] = useState(() => readStored('local', MUTED_KEY) === 'true');
  const open = alerts.data ?? [];
  useAlarm(open.length > 0 && !muted);
  if (open.length === 0) return null;
  return (
    <section className="emergency-alerts" role="alert" aria-label={t('alarm.region')}>
      {open.map((alert) => (
        <article key={alert.id} className="emergency-alert">
          <h2>{t('alarm.title', { number: alert.number, desk: alert.deskName, time: formatTime(alert.at) })}</h2>
          <div className="emergency-alert-body">
            <dl className="details">
              <dt>{t('alarm.caller')}</dt>
              <dd>{alert.caller ? alert.caller.displayName : t('alarm.freeDesk')}</dd>
              <dt>{t('alarm.callback')}</dt>
              <dd>{alert.callback ?? '—'}</dd>
              <dt>{t('alarm.where')}</dt>
              <dd>{where(alert)}</dd>
              {alert.emails.length > 0 && (
                <>
                  <dt>{t('alarm.emails')}</dt>
                  <dd>
                    <ul className="plain-list">
                      {alert.emails.map((email) => (
                        <li key={email.to} className={email.state === 'failed' ? 'field-error' : undefined}>
                          {t(MAIL_STATES[email.state], { to: email.to })}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
            </dl>
            {alert.floorId && alert.position && (
              <AlertMap floorId={alert.floorId} position={alert.position} desk={alert.deskName} />
            )}
          </div>
          <div className="button-row">
            {alert.deskId && alert.floorId && (
              <Link className="button" to={`/desks/map?floor=${alert.floorId}&desk=${alert.deskId}`}>
                {t('alarm.showOnMap')}
              </Link>
            )}
            <button
              type="button"
              className="button button-danger"
              disabled={acknowledge.isPending}
              onClick={() => acknowledge.mutate(alert.id)}
            >
              {t('alarm.acknowledge')}
            </button>
          </div>
        </article>
      ))}
      {acknowledge.isError && <p className="field-error">{acknowledge.error.message}</p>}
      <button
        type="button"
        className="button button-small"
        aria-pressed={muted}
        onClick={() => {
          writeStored('local', MUTED_KEY, muted ? null : 'true');
          setMuted(!muted);
        }}
      >
        {muted ? t('alarm.soundOn') : t('alarm.mute')}
      </button>
    </section>
  );
}
