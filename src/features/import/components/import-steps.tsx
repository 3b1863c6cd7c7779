import { useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { ImportResponse } from '../../../../contract/desks.ts';
import { FileDropzone } from '../../../components/file-dropzone.tsx';
import { downloadWithBearer } from '../../../lib/authorized-resource.ts';
import type { CheckedFile } from '../csv-check.ts';
import { IssueTable } from './issue-table.tsx';
import { useT } from '../../../i18n/use-t.ts';
import { RichText } from '../../../i18n/rich-text.tsx';

/** The wizard's simple steps: choosing a file, reading it, its problems, applying, done. */

export function ChooseFileStep({
  message,
  onFile,
}: {
  message: string | null;
  onFile: (file: File | undefined) => void;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="import">
      <FileDropzone label={t('import.deskFile')} onFile={onFile}>
        <h2>{t('import.drop')}</h2>
        <p>
          <RichText id="import.columns" components={{ 0: <code /> }} />
        </p>
        <input
          ref={input}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          className="visually-hidden"
          aria-label={t('import.chooseLabel')}
          onChange={(event) => {
            onFile(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        <button type="button" className="button button-primary" onClick={() => input.current?.click()}>
          {t('import.choose')}
        </button>
      </FileDropzone>
      {message && (
        <p className="alert alert-warning" role="status">
          {message}
        </p>
      )}
      <p className="muted">
        <a
          href="/api/v1/desks/export"
          download
          onClick={(event) => downloadWithBearer(event, '/api/v1/desks/export', 'desks.csv')}
        >
          {t('import.export')}
        </a>{' '}
        (
        <a
          href="/api/v1/desks/export?separator=semicolon"
          download
          onClick={(event) => downloadWithBearer(event, '/api/v1/desks/export?separator=semicolon', 'desks.csv')}
        >
          {t('import.exportSemicolon')}
        </a>
        ) ·{' '}
        <a
          href="/api/v1/desks/template"
          download
          onClick={(event) => downloadWithBearer(event, '/api/v1/desks/template', 'desks-template.csv')}
        >
          {t('import.template')}
        </a>
      </p>
    </div>
  );
}

export function ReadingStep({ file, progress, onCancel }: { file: File; progress: number; onCancel: () => void }) {
  const t = useT();
  return (
    <div className="card import-step" role="status" aria-live="polite">
      <h2>{t('import.reading', { file: file.name })}</h2>
      <progress max={1} value={progress} aria-label={t('import.readingLabel')} />
      <p className="muted">{t('import.readingProgress', { percent: Math.round(progress * 100) })}</p>
      <button type="button" className="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

export function ApplyingStep({ dryRun }: { dryRun: ImportResponse }) {
  const t = useT();
  return (
    <div className="card import-step" role="status" aria-live="polite">
      <h2>{t('import.applying')}</h2>
      <progress aria-label={t('import.applying')} />
      <p className="muted">
        {t('import.applyingBody', {
          added: dryRun.summary.added,
          changed: dryRun.summary.changed,
          removed: dryRun.summary.removed,
        })}
      </p>
    </div>
  );
}

export function DoneStep({ result, onAnother }: { result: ImportResponse; onAnother: () => void }) {
  const t = useT();
  const { summary } = result;
  return (
    <div className="card import-step">
      <h2>{t('import.done')}</h2>
      <p className="alert alert-success" role="status">
        {t('import.doneBody', {
          added: summary.added,
          changed: summary.changed,
          removed: summary.removed,
          unchanged: summary.unchanged,
        })}
      </p>
      <div className="button-row">
        <Link className="button button-primary" to="/desks">
          {t('import.openTable')}
        </Link>
        <button type="button" className="button" onClick={onAnother}>
          {t('import.another')}
        </button>
      </div>
    </div>
  );
}

export function FileProblemsStep({
  facts,
  checked,
  onAnother,
}: {
  facts: ReactNode;
  checked: CheckedFile;
  onAnother: () => void;
}) {
  const t = useT();
  return (
    <div className="import">
      <div className="card import-step">
        <h2>{t('import.cannot')}</h2>
        <p>{facts}.</p>
        <p className="alert alert-error" role="alert">
          {t('import.problems', { count: checked.errorCount })}
        </p>
        <button type="button" className="button" onClick={onAnother}>
          {t('import.chooseAnother')}
        </button>
      </div>
      <IssueTable issues={checked.errors} caption={t('import.problemsCaption')} total={checked.errorCount} />
    </div>
  );
}
