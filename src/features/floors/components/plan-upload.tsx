import { useId, useRef, useState } from 'react';
import { FileDropzone } from '../../../components/file-dropzone.tsx';
import type { Floor } from '../../../../contract/floors.ts';
import { useUploadPlan } from '../api/floors.ts';
import { useT } from '../../../i18n/use-t.ts';
import { formatMegabytes } from '../../../i18n/format.ts';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp';

/** Drop a plan image here or choose one. The service checks the content; this only catches the obvious early. */
export function PlanUpload({ floor, compact = false }: { floor: Floor; compact?: boolean }) {
  const t = useT();
  const upload = useUploadPlan();
  const input = useRef<HTMLInputElement>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const hintId = useId();

  const send = (file: File | undefined) => {
    setLocalError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setLocalError(t('plan.tooBig', { size: formatMegabytes(file.size) }));
      return;
    }
    upload.mutate({ floor, file });
  };
  const error = localError ?? upload.error?.message ?? null;

  const chooser = (
    <>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        className="visually-hidden"
        aria-describedby={hintId}
        aria-label={
          floor.plan ? t('plan.replaceLabel', { floor: floor.name }) : t('plan.uploadLabel', { floor: floor.name })
        }
        onChange={(event) => {
          send(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      <button
        type="button"
        className={compact ? 'button button-small' : 'button button-primary'}
        onClick={() => input.current?.click()}
        disabled={upload.isPending}
      >
        {upload.isPending ? t('plan.uploading') : floor.plan ? t('plan.replace') : t('plan.choose')}
      </button>
    </>
  );

  if (compact) {
    return (
      <span className="plan-upload-compact">
        {chooser}
        <span id={hintId} className="visually-hidden">
          {t('plan.compactHint')}
        </span>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </span>
    );
  }

  return (
    <FileDropzone label={t('plan.of', { floor: floor.name })} onFile={send}>
      <h2>{t('plan.none', { floor: floor.name })}</h2>
      <p id={hintId}>{t('plan.drop')}</p>
      {chooser}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </FileDropzone>
  );
}
