import { useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { useCreateToken, useRevokeToken, useTokens } from '../api/checkin.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Personal tokens for a logon script: shown once at creation, revocable. */
export function TokenManager() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [label, setLabel] = useState('Logon script');
  const [revoking, setRevoking] = useState<{ id: string; label: string } | null>(null);
  const origin = window.location.origin;
  const created = create.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (label.trim() !== '') create.mutate(label.trim());
  };

  return (
    <section className="card token-manager" aria-labelledby="tokens-title">
      <h2 id="tokens-title">Check in from a script</h2>
      <p className="muted">
        A personal token lets a Windows logon script check you in at the computer you sign in to. It can only check you
        in, nothing else. Keep it private; revoke it when you no longer need it.
      </p>
      {created && (
        <div className="alert alert-success token-created" role="status">
          <p>
            <strong>Your new token.</strong> Copy it now; it is not shown again.
          </p>
          <code className="token-value">{created.token}</code>
          <details>
            <summary>PowerShell logon script</summary>
            <pre className="code-block">{`Invoke-RestMethod -Method Post -Uri "${origin}/api/v1/checkin" \`
  -Headers @{ Authorization = "Bearer ${created.token}" } \`
  -ContentType 'application/json' \`
  -Body (@{ method = 'computer'; value = $env:COMPUTERNAME } | ConvertTo-Json)`}</pre>
          </details>
        </div>
      )}
      {tokens.data && tokens.data.length > 0 && (
        <ul className="token-list">
          {tokens.data.map((token) => (
            <li key={token.id}>
              <span>
                <strong>{token.label}</strong>
                <span className="muted">
                  {' '}
                  created {dateFormat.format(new Date(token.createdAt))}
                  {token.lastUsedAt ? `, last used ${dateFormat.format(new Date(token.lastUsedAt))}` : ', never used'}
                </span>
              </span>
              <button
                type="button"
                className="button button-small button-quiet-danger"
                onClick={() => setRevoking(token)}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="token-label">Token name</label>
          <input id="token-label" maxLength={60} value={label} onChange={(event) => setLabel(event.target.value)} />
        </div>
        <button type="submit" className="button" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {create.isError && (
        <p className="field-error" role="alert">
          {create.error.message}
        </p>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke "${revoking?.label ?? ''}"?`}
        confirmLabel="Revoke"
        danger
        busy={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) });
        }}
      >
        <p>Scripts using this token can no longer check you in.</p>
      </ConfirmDialog>
    </section>
  );
}
