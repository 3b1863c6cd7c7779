import { useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { ImportResponse } from '../../../../contract/desks.ts';
import { FileDropzone } from '../../../components/file-dropzone.tsx';
import { downloadWithBearer } from '../../../lib/authorized-resource.ts';
import type { CheckedFile } from '../csv-check.ts';
import { IssueTable } from './issue-table.tsx';

/** The wizard's simple steps: choosing a file, reading it, its problems, applying, done. */

export function ChooseFileStep({
  message,
  onFile,
}: {
  message: string | null;
  onFile: (file: File | undefined) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="import">
      <FileDropzone label="Desk file" onFile={onFile}>
        <h2>Drop a desk file here</h2>
        <p>
          CSV with the columns <code>hw_id</code>, <code>name</code>, <code>computername</code> (the previous product’s
          file imports as it is), optionally <code>floor</code>, <code>zone</code>, <code>x</code>, <code>y</code>,{' '}
          <code>rotation</code>, <code>enabled</code>. Excel’s “CSV UTF-8”, German semicolon CSV and “Unicode text” all
          work. At most 50 MB.
        </p>
        <input
          ref={input}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          className="visually-hidden"
          aria-label="Choose a desk file"
          onChange={(event) => {
            onFile(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        <button type="button" className="button button-primary" onClick={() => input.current?.click()}>
          Choose a file…
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
          Export the current desk table
        </a>{' '}
        ·{' '}
        <a
          href="/api/v1/desks/template"
          download
          onClick={(event) => downloadWithBearer(event, '/api/v1/desks/template', 'desks-template.csv')}
        >
          Download a template
        </a>
      </p>
    </div>
  );
}

export function ReadingStep({ file, progress, onCancel }: { file: File; progress: number; onCancel: () => void }) {
  return (
    <div className="card import-step" role="status" aria-live="polite">
      <h2>Reading {file.name}…</h2>
      <progress max={1} value={progress} aria-label="Reading the file" />
      <p className="muted">{Math.round(progress * 100)}% — checking every row.</p>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

export function ApplyingStep({ dryRun }: { dryRun: ImportResponse }) {
  return (
    <div className="card import-step" role="status" aria-live="polite">
      <h2>Applying the import…</h2>
      <progress aria-label="Applying the import" />
      <p className="muted">
        {dryRun.summary.added} to add, {dryRun.summary.changed} to change, {dryRun.summary.removed} to remove. This is
        one transaction: either all of it lands or none of it.
      </p>
    </div>
  );
}

export function DoneStep({ result, onAnother }: { result: ImportResponse; onAnother: () => void }) {
  const { summary } = result;
  return (
    <div className="card import-step">
      <h2>Import done</h2>
      <p className="alert alert-success" role="status">
        {summary.added} {summary.added === 1 ? 'desk' : 'desks'} added, {summary.changed} changed, {summary.removed}{' '}
        removed, {summary.unchanged} unchanged.
      </p>
      <div className="button-row">
        <Link className="button button-primary" to="/desks">
          Open the desk table
        </Link>
        <button type="button" className="button" onClick={onAnother}>
          Import another file
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
  return (
    <div className="import">
      <div className="card import-step">
        <h2>This file cannot be imported yet</h2>
        <p>{facts}.</p>
        <p className="alert alert-error" role="alert">
          {checked.errorCount} problem{checked.errorCount === 1 ? '' : 's'} found. Fix them in the file and choose it
          again; nothing was changed.
        </p>
        <button type="button" className="button" onClick={onAnother}>
          Choose another file
        </button>
      </div>
      <IssueTable issues={checked.errors} caption="Problems in the file" total={checked.errorCount} />
    </div>
  );
}
