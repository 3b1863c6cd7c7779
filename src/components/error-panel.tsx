import { useT } from '../i18n/use-t.ts';

export function ErrorPanel({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const t = useT();
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <strong>{t('errorPanel.title')} </strong>
        {error.message}
      </p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
      )}
    </div>
  );
}
