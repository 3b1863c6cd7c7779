import { useDeferredValue, useId, useState, type FormEvent } from 'react';
import type { CheckinMethod, CheckinResponse } from '../../../../contract/settings.ts';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { useCheckin, useCheckout, useDeskSuggestions, useMyDesk } from '../api/checkin.ts';

const methodText: Record<string, string> = {
  desk: 'by desk name',
  computer: 'with the computer name',
  thinclient: 'with the thin-client name',
  pbx: 'on the PBX',
  console: 'by helpdesk',
  phone: 'on the phone',
};

const timeFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

interface CheckinPanelProps {
  /** From `?computer=` (a logon script or desktop shortcut sends %COMPUTERNAME%). */
  computerName: string | null;
  /** From `?client=` (%CLIENTNAME% on a terminal server). */
  clientName: string | null;
  /** From `?desk=` (the QR code on the desk's label). */
  deskLink: string | null;
}

function outcome(response: CheckinResponse): string {
  const parts = [`You are checked in at desk ${response.session.deskName}. Its phone now rings for you.`];
  if (response.tookOverFrom) parts.push(`${response.tookOverFrom} was logged out of it.`);
  if (response.movedFrom.length > 0) parts.push(`You were checked out of ${response.movedFrom.join(', ')}.`);
  return parts.join(' ');
}

/** The employee's page: where am I, check in by the methods the administrator allows, check out. */
export function CheckinPanel({ computerName, clientName, deskLink }: CheckinPanelProps) {
  const myDesk = useMyDesk();
  const checkin = useCheckin();
  const checkout = useCheckout();
  const [deskName, setDeskName] = useState('');
  const [manualComputer, setManualComputer] = useState('');
  const suggestions = useDeskSuggestions(useDeferredValue(deskName));
  const listId = useId();

  if (myDesk.isPending) return <LoadingPanel label="Loading your desk…" />;
  if (myDesk.isError) return <ErrorPanel error={myDesk.error} onRetry={() => void myDesk.refetch()} />;
  const { sessions, loginMethods } = myDesk.data;

  const send = (method: CheckinMethod, value: string) => (event?: FormEvent) => {
    event?.preventDefault();
    if (value.trim() !== '') checkin.mutate({ method, value: value.trim() });
  };
  const named = computerName ?? clientName;
  const namedMethod: CheckinMethod = computerName ? 'computer' : 'thinclient';

  return (
    <div className="checkin">
      <section className="card checkin-current" aria-labelledby="current-desk">
        <h2 id="current-desk">Your desk</h2>
        {sessions.length === 0 ? (
          <p className="muted">You are not checked in anywhere.</p>
        ) : (
          <>
            <ul className="session-list">
              {sessions.map((session) => (
                <li key={session.deskId}>
                  <strong className="desk-big">{session.deskName}</strong>
                  <span className="muted">
                    {session.floorName ? `${session.floorName} · ` : ''}since{' '}
                    {timeFormat.format(new Date(session.since))}, {methodText[session.method] ?? session.method}
                  </span>
                </li>
              ))}
            </ul>
            <button type="button" className="button" onClick={() => checkout.mutate()} disabled={checkout.isPending}>
              {checkout.isPending ? 'Checking out…' : 'Check out'}
            </button>
          </>
        )}
        {checkout.isSuccess && sessions.length === 0 && (
          <p className="alert alert-success" role="status">
            You are checked out. The desk phone no longer rings for you.
          </p>
        )}
        {checkout.isError && (
          <p className="alert alert-error" role="alert">
            {checkout.error.message}
          </p>
        )}
      </section>

      {checkin.isSuccess && (
        <p className="alert alert-success" role="status">
          {outcome(checkin.data)}
        </p>
      )}
      {checkin.isError && (
        <p className="alert alert-error" role="alert">
          {checkin.error.message}
        </p>
      )}

      {deskLink && (
        <section className="card checkin-method" aria-labelledby="this-desk">
          <h2 id="this-desk">This desk</h2>
          {loginMethods.desk ? (
            <button
              type="button"
              className="button button-primary button-block"
              onClick={send('desk', deskLink)}
              disabled={checkin.isPending}
            >
              {checkin.isPending ? 'Checking in…' : `Check in at desk ${deskLink}`}
            </button>
          ) : (
            <p className="muted">Checking in by desk name is switched off here. Ask your administrator.</p>
          )}
        </section>
      )}

      {named && loginMethods[namedMethod] && (
        <section className="card checkin-method" aria-labelledby="this-computer">
          <h2 id="this-computer">{computerName ? 'This computer' : 'This thin client'}</h2>
          <p className="muted">
            Check in at the desk where <code>{named}</code> stands.
          </p>
          <button
            type="button"
            className="button button-primary button-block"
            onClick={send(namedMethod, named)}
            disabled={checkin.isPending}
          >
            {checkin.isPending ? 'Checking in…' : `Check in at ${named}`}
          </button>
        </section>
      )}

      {loginMethods.desk && (
        <section className="card checkin-method" aria-labelledby="by-desk">
          <h2 id="by-desk">Check in by desk name</h2>
          <form className="inline-form" onSubmit={send('desk', deskName)}>
            <div className="field">
              <label htmlFor="desk-name-input">Desk name</label>
              <input
                id="desk-name-input"
                list={listId}
                autoComplete="off"
                spellCheck={false}
                placeholder="e.g. B1-2.07"
                value={deskName}
                onChange={(event) => setDeskName(event.target.value)}
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
              Check in at desk
            </button>
          </form>
        </section>
      )}

      {!named && (loginMethods.computer || loginMethods.thinclient) && (
        <section className="card checkin-method" aria-labelledby="by-computer">
          <h2 id="by-computer">Check in with a computer name</h2>
          <p className="muted">
            Your IT can open this page as <code>…/checkin?computer=%COMPUTERNAME%</code> from a logon script or desktop
            shortcut, so that one click is enough. Or type the name:
          </p>
          <form
            className="inline-form"
            onSubmit={send(loginMethods.computer ? 'computer' : 'thinclient', manualComputer)}
          >
            <div className="field">
              <label htmlFor="computer-name-input">
                {loginMethods.computer ? 'Computer name' : 'Thin-client name'}
              </label>
              <input
                id="computer-name-input"
                autoComplete="off"
                spellCheck={false}
                maxLength={15}
                value={manualComputer}
                onChange={(event) => setManualComputer(event.target.value)}
              />
            </div>
            <button
              type="submit"
              className="button button-primary"
              disabled={checkin.isPending || manualComputer.trim() === ''}
            >
              Check in with this name
            </button>
          </form>
        </section>
      )}

      {!loginMethods.desk && !loginMethods.computer && !loginMethods.thinclient && (
        <p className="alert alert-warning">Checking in is switched off. Ask your administrator.</p>
      )}
    </div>
  );
}
