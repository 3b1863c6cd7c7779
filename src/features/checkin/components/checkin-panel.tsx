import { useDeferredValue, useId, useState, type FormEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { CheckinMethod } from '../../../../contract/settings.ts';
import type { CheckinResponse } from '../../../../contract/checkin.ts';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { formatDateTime, formatList } from '../../../i18n/format.ts';
import type { MessageId } from '../../../i18n/i18n.ts';
import { useT, type Translate } from '../../../i18n/use-t.ts';
import { useCheckin, useCheckout, useDeskSuggestions, useMyDesk } from '../api/checkin.ts';

const methodText: Record<string, MessageId> = {
  desk: 'checkin.via.desk',
  computer: 'checkin.via.computer',
  thinclient: 'checkin.via.thinclient',
  pbx: 'checkin.via.pbx',
  console: 'checkin.via.console',
  phone: 'checkin.via.phone',
};

interface CheckinPanelProps {
  /** From `?computer=` (a logon script or desktop shortcut sends %COMPUTERNAME%). */
  computerName: string | null;
  /** From `?client=` (%CLIENTNAME% on a terminal server). */
  clientName: string | null;
  /** From `?desk=` (the QR code on the desk's label). */
  deskLink: string | null;
}

function outcome(t: Translate, response: CheckinResponse): string {
  const parts = [
    t(response.session.phoneRegistered ? 'checkin.done' : 'checkin.doneOffline', { desk: response.session.deskName }),
  ];
  if (response.tookOverFrom) parts.push(t('checkin.tookOver', { name: response.tookOverFrom }));
  if (response.movedFrom.length > 0) parts.push(t('checkin.moved', { desks: formatList(response.movedFrom) }));
  return parts.join(' ');
}

/** A check-in the service wants confirmed first: the desk is someone else's (policy "take over"). */
interface PendingTakeOver {
  method: CheckinMethod;
  value: string;
  desk: string;
  occupant: string;
}

function takeOverQuestion(
  error: { code: string; body: Record<string, unknown> },
  method: CheckinMethod,
  value: string,
) {
  if (error.code !== 'take_over_unconfirmed') return null;
  const occupant = error.body.occupant as { displayName?: unknown } | undefined;
  const desk = error.body.desk;
  return {
    method,
    value,
    desk: typeof desk === 'string' ? desk : value,
    occupant: typeof occupant?.displayName === 'string' ? occupant.displayName : '',
  };
}

/** The places a check-in can be asked for on the page. */
type Source = 'link' | 'named' | 'desk' | 'computer';

/** The employee's page: where am I, check in by the methods the administrator allows, check out. */
export function CheckinPanel({ computerName, clientName, deskLink }: CheckinPanelProps) {
  const t = useT();
  const myDesk = useMyDesk();
  const checkin = useCheckin();
  const checkout = useCheckout();
  const { register, handleSubmit, control } = useForm({ defaultValues: { desk: '', computer: '' } });
  const [deskName, manualComputer] = useWatch({ control, name: ['desk', 'computer'] });
  const [takeOver, setTakeOver] = useState<PendingTakeOver | null>(null);
  // Where the last check-in was asked for: its refusal is shown there, next to what was tapped.
  const [source, setSource] = useState<Source | null>(null);
  const suggestions = useDeskSuggestions(useDeferredValue(deskName));
  const listId = useId();

  if (myDesk.isPending) return <LoadingPanel label={t('checkin.loading')} />;
  if (myDesk.isError) return <ErrorPanel error={myDesk.error} onRetry={() => void myDesk.refetch()} />;
  const { sessions, loginMethods, pbxDownSince } = myDesk.data;

  const checkIn = (method: CheckinMethod, value: string, confirmed = false) => {
    checkout.reset();
    checkin.mutate(
      { method, value, ...(confirmed ? { takeOver: true } : {}) },
      {
        onSuccess: () => setTakeOver(null),
        onError: (error) => setTakeOver(takeOverQuestion(error, method, value)),
      },
    );
  };
  const send = (method: CheckinMethod, value: string, from: Source) => (event?: FormEvent) => {
    event?.preventDefault();
    if (value.trim() === '') return;
    setSource(from);
    checkIn(method, value.trim());
  };
  const named = computerName ?? clientName;
  // Checked in at the desk whose QR code opened the page: its button has done its job.
  const atLinkedDesk =
    deskLink !== null && sessions.some((session) => session.deskName.toLowerCase() === deskLink.trim().toLowerCase());
  const namedMethod: CheckinMethod = computerName ? 'computer' : 'thinclient';
  // The one message about the last thing done: a check-out replaces the check-in's and the other way round.
  const checkinFailed = checkin.isError && checkin.error.code !== 'take_over_unconfirmed';
  const failedAt = (from: Source) => (checkinFailed && source === from ? `checkin-error-${from}` : undefined);
  const failure = (from: Source) =>
    failedAt(from) && (
      <p className="alert alert-error" role="alert" id={failedAt(from)}>
        {checkin.error?.message}
      </p>
    );

  return (
    <div className="checkin">
      <section className="card checkin-current" aria-labelledby="current-desk">
        <h2 id="current-desk">{t('checkin.yourDesk')}</h2>
        {pbxDownSince !== null && (
          <p className="alert alert-warning" role="status">
            {t('checkin.pbxDown', { since: formatDateTime(pbxDownSince) })}
          </p>
        )}
        {sessions.length === 0 ? (
          <p className="muted">{t('checkin.nowhere')}</p>
        ) : (
          <>
            <ul className="session-list">
              {sessions.map((session) => (
                <li key={session.deskId}>
                  <strong className="desk-big">{session.deskName}</strong>
                  <span className="muted">
                    {session.floorName ? `${session.floorName} · ` : ''}
                    {t('checkin.since', {
                      since: formatDateTime(session.since),
                      how: methodText[session.method] ? t(methodText[session.method] as MessageId) : session.method,
                    })}
                  </span>
                  {pbxDownSince === null && !session.phoneRegistered && (
                    <p className="alert alert-warning" role="status">
                      {t('checkin.phoneOffline')}
                    </p>
                  )}
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="button"
              onClick={() => {
                checkin.reset();
                checkout.mutate();
              }}
              disabled={checkout.isPending}
            >
              {checkout.isPending ? t('checkin.checkingOut') : t('checkin.checkOut')}
            </button>
          </>
        )}
        {checkout.isSuccess && sessions.length === 0 && (
          <p className="alert alert-success" role="status">
            {t('checkin.checkedOut')}
          </p>
        )}
        {checkout.isError && (
          <p className="alert alert-error" role="alert">
            {checkout.error.message}
          </p>
        )}
      </section>

      {checkin.isSuccess && sessions.some((session) => session.deskId === checkin.data.session.deskId) && (
        <p className="alert alert-success" role="status">
          {outcome(t, checkin.data)}
        </p>
      )}

      {deskLink && !atLinkedDesk && (
        <section className="card checkin-method" aria-labelledby="this-desk">
          <h2 id="this-desk">{t('checkin.thisDesk')}</h2>
          {loginMethods.desk ? (
            <button
              type="button"
              className="button button-primary button-block"
              onClick={send('desk', deskLink, 'link')}
              disabled={checkin.isPending}
              aria-describedby={failedAt('link')}
            >
              {checkin.isPending ? t('checkin.checkingIn') : t('checkin.atDesk', { desk: deskLink })}
            </button>
          ) : (
            <p className="muted">{t('checkin.deskOff')}</p>
          )}
          {failure('link')}
        </section>
      )}

      {named && loginMethods[namedMethod] && (
        <section className="card checkin-method" aria-labelledby="this-computer">
          <h2 id="this-computer">{computerName ? t('checkin.thisComputer') : t('checkin.thisThinClient')}</h2>
          <p className="muted">{t('checkin.whereStands', { name: named })}</p>
          <button
            type="button"
            className="button button-primary button-block"
            onClick={send(namedMethod, named, 'named')}
            disabled={checkin.isPending}
            aria-describedby={failedAt('named')}
          >
            {checkin.isPending ? t('checkin.checkingIn') : t('checkin.atNamed', { name: named })}
          </button>
          {failure('named')}
        </section>
      )}

      {loginMethods.desk && (
        <section className="card checkin-method" aria-labelledby="by-desk">
          <h2 id="by-desk">{t('checkin.byDesk')}</h2>
          <form className="inline-form" onSubmit={handleSubmit(({ desk }) => send('desk', desk, 'desk')())}>
            <div className="field">
              <label htmlFor="desk-name-input">{t('checkin.deskName')}</label>
              <input
                id="desk-name-input"
                list={listId}
                autoComplete="off"
                spellCheck={false}
                placeholder={t('checkin.deskNameExample')}
                aria-invalid={failedAt('desk') ? true : undefined}
                aria-describedby={failedAt('desk')}
                {...register('desk')}
              />
              <datalist id={listId}>
                {(suggestions.data ?? []).map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
            </div>
            <button
              type="submit"
              className="button button-primary"
              disabled={checkin.isPending || deskName.trim() === ''}
            >
              {t('checkin.atDeskButton')}
            </button>
          </form>
          {failure('desk')}
        </section>
      )}

      {!named && (loginMethods.computer || loginMethods.thinclient) && (
        <section className="card checkin-method" aria-labelledby="by-computer">
          <h2 id="by-computer">{t('checkin.byComputer')}</h2>
          <p className="muted">{t('checkin.byComputerHint')}</p>
          <form
            className="inline-form"
            onSubmit={handleSubmit(({ computer }) =>
              send(loginMethods.computer ? 'computer' : 'thinclient', computer, 'computer')(),
            )}
          >
            <div className="field">
              <label htmlFor="computer-name-input">
                {loginMethods.computer ? t('checkin.computerName') : t('checkin.thinClientName')}
              </label>
              <input
                id="computer-name-input"
                autoComplete="off"
                spellCheck={false}
                maxLength={15}
                aria-invalid={failedAt('computer') ? true : undefined}
                aria-describedby={failedAt('computer')}
                {...register('computer')}
              />
            </div>
            <button
              type="submit"
              className="button button-primary"
              disabled={checkin.isPending || manualComputer.trim() === ''}
            >
              {t('checkin.withName')}
            </button>
          </form>
          {failure('computer')}
        </section>
      )}

      {!loginMethods.desk && !loginMethods.computer && !loginMethods.thinclient && (
        <p className="alert alert-warning">{t('checkin.allOff')}</p>
      )}

      <ConfirmDialog
        open={takeOver !== null}
        title={t('checkin.takeOverTitle', { desk: takeOver?.desk ?? '' })}
        confirmLabel={t('checkin.takeOverConfirm')}
        busy={checkin.isPending}
        onCancel={() => {
          setTakeOver(null);
          checkin.reset();
        }}
        onConfirm={() => {
          if (takeOver) checkIn(takeOver.method, takeOver.value, true);
        }}
      >
        <p>{t('checkin.takeOverBody', { desk: takeOver?.desk ?? '', name: takeOver?.occupant ?? '' })}</p>
      </ConfirmDialog>
    </div>
  );
}
