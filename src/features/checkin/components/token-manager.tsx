import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { createTokenRequestSchema } from '../../../../contract/checkin.ts';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { TextField } from '../../../components/form-parts.tsx';
import { localized } from '../../../i18n/localized-resolver.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/use-t.ts';
import { useCreateToken, useRevokeToken, useTokens } from '../api/checkin.ts';

/** A button that copies `text` and says so for a moment (and says so when the browser refuses). */
function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="button button-small"
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        );
        window.setTimeout(() => setState('idle'), 3000);
      }}
    >
      <span aria-live="polite">
        {state === 'copied' ? t('tokens.copied') : state === 'failed' ? t('tokens.copyFailed') : label}
      </span>
    </button>
  );
}

/**
 * Personal tokens for a logon script: shown once at creation, revocable. Folded away by default: most people
 * never need it, and on a phone it only takes room.
 */
export function TokenManager() {
  const t = useT();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<{ label: string }>({
    defaultValues: { label: t('tokens.defaultName') },
    resolver: localized(zodResolver(createTokenRequestSchema)),
  });
  const [revoking, setRevoking] = useState<{ id: string; label: string } | null>(null);
  const origin = window.location.origin;
  const created = create.data;
  const script = created
    ? `Invoke-RestMethod -Method Post -Uri "${origin}/api/v1/checkin" \`
  -Headers @{ Authorization = "Bearer ${created.token}" } \`
  -ContentType 'application/json' \`
  -Body (@{ method = 'computer'; value = $env:COMPUTERNAME } | ConvertTo-Json)`
    : '';

  const submit = handleSubmit(({ label }) =>
    create.mutate(label, {
      onError: (error) => setError('label', { message: error.fields.label ?? error.message }),
    }),
  );

  return (
    <details className="card token-manager" open={created !== undefined || undefined}>
      <summary>
        <h2>{t('tokens.title')}</h2>
      </summary>
      <div className="token-body">
        <p className="muted">{t('tokens.lead')}</p>
        {created && (
          <div className="alert alert-success token-created" role="status">
            <p>
              <strong>{t('tokens.new')}</strong> {t('tokens.copyNow')}
            </p>
            <code className="token-value">{created.token}</code>
            <div className="button-row">
              <CopyButton text={created.token} label={t('tokens.copyToken')} />
              <CopyButton text={script} label={t('tokens.copyScript')} />
            </div>
            <details>
              <summary>{t('tokens.script')}</summary>
              <pre className="code-block">{script}</pre>
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
                    {token.lastUsedAt
                      ? t('tokens.createdUsed', {
                          created: formatDateTime(token.createdAt),
                          used: formatDateTime(token.lastUsedAt),
                        })
                      : t('tokens.createdNeverUsed', { created: formatDateTime(token.createdAt) })}
                    {' · '}
                    {token.expiresAt
                      ? t('checkin.tokenExpires', { date: formatDateTime(token.expiresAt) })
                      : t('checkin.tokenNoExpiry')}
                  </span>
                </span>
                <button
                  type="button"
                  className="button button-small button-quiet-danger"
                  onClick={() => setRevoking(token)}
                >
                  {t('tokens.revoke')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form className="inline-form" onSubmit={submit} noValidate>
          <TextField
            id="token-label"
            label={t('tokens.name')}
            maxLength={60}
            error={errors.label?.message}
            {...register('label')}
          />
          <button type="submit" className="button" disabled={create.isPending}>
            {t('tokens.create')}
          </button>
        </form>
        <ConfirmDialog
          open={revoking !== null}
          title={t('tokens.revokeTitle', { name: revoking?.label ?? '' })}
          confirmLabel={t('tokens.revoke')}
          danger
          busy={revoke.isPending}
          onCancel={() => setRevoking(null)}
          onConfirm={() => {
            if (revoking) revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) });
          }}
        >
          <p>{t('tokens.revokeBody')}</p>
        </ConfirmDialog>
      </div>
    </details>
  );
}
