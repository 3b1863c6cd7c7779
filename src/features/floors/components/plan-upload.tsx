import { useId, useRef, useState } from 'react';
import { FileDropzone } from '../../../components/file-dropzone.tsx';
import type { Floor } from '../../../../contract/desks.ts';
import { useUploadPlan } from '../api/floors.ts';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp';

/** Drop a plan image here or choose one. The service checks the content; this only catches the obvious early. */
export function PlanUpload({ floor, compact = false }: { floor: Floor; compact?: boolean }) {
  const upload = useUploadPlan();
  const input = useRef<HTMLInputElement>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const hintId = useId();

  const send = (file: File | undefined) => {
    setLocalError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setLocalError(`This file has ${(file.size / 1024 / 1024).toFixed(1)} MB; a plan can have at most 10 MB.`);
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
        aria-label={floor.plan ? `Replace the plan of ${floor.name}` : `Upload a plan for ${floor.name}`}
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
        {upload.isPending ? 'Uploading…' : floor.plan ? 'Replace plan…' : 'Choose a plan image…'}
      </button>
    </>
  );

  if (compact) {
    return (
      <span className="plan-upload-compact">
        {chooser}
        <span id={hintId} className="visually-hidden">
          PNG, JPEG or WebP, at most 10 MB. Desk positions are kept.
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
    <FileDropzone label={`Plan of ${floor.name}`} onFile={send}>
      <h2>{floor.name} has no plan yet</h2>
      <p id={hintId}>Drop the floor plan here, or choose it. PNG, JPEG or WebP, at most 10 MB.</p>
      {chooser}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </FileDropzone>
  );
}
