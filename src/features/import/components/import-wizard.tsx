import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { FileDropzone } from '../../../components/file-dropzone.tsx';
import type { CsvIssue } from '../../../../contract/desk-csv.ts';
import type { ImportResponse } from '../../../../contract/desks.ts';
import { formatMac } from '../../../../contract/mac.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { useImportDesks } from '../api/import.ts';
import { checkFile, errorsCsv, type CheckedFile } from '../csv-check.ts';
import { downloadWithBearer } from '../../../lib/authorized-resource.ts';

const MAX_BYTES = 50 * 1024 * 1024;

/** The import as a state machine: nothing is written before "apply", and apply cannot be interrupted. */
type Step =
  | { kind: 'idle'; message: string | null }
  | { kind: 'parsing'; file: File; progress: number }
  | { kind: 'checked'; file: File; checked: CheckedFile }
  | { kind: 'validating'; file: File; checked: CheckedFile }
  | { kind: 'reviewed'; file: File; checked: CheckedFile; dryRun: ImportResponse }
  | { kind: 'applying'; file: File; dryRun: ImportResponse }
  | { kind: 'done'; result: ImportResponse }
  | { kind: 'failed'; file: File; checked: CheckedFile; message: string };

const delimiterName = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;
const encodingName = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (Excel)',
  'utf-16le': 'UTF-16 (Unicode text)',
  'utf-16be': 'UTF-16 big-endian',
} as const;

function IssueTable({ issues, caption, total }: { issues: readonly CsvIssue[]; caption: string; total: number }) {
  const download = () => {
    const url = URL.createObjectURL(new Blob([errorsCsv(issues)], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'import-errors.csv';
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="panel">
      <div className="table-toolbar">
        <strong>{caption}</strong>
        <button type="button" className="button button-small" onClick={download}>
          Download as CSV
        </button>
        {total > issues.length && (
          <span className="muted">
            Showing the first {issues.length} of {total}.
          </span>
        )}
      </div>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {issues.slice(0, 300).map((issue, index) => (
            <tr key={`${issue.row}-${issue.column ?? ''}-${index}`}>
              <td>{issue.row || '—'}</td>
              <td>{issue.column ?? '—'}</td>
              <td className="mono truncate">{issue.value ?? ''}</td>
              <td>{issue.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Removing desks people sit at needs a decision. Helpdesk and administrators may log them out; facility
 * managers may only leave the phones as they are (the service refuses the logout for them too).
 */
function OccupiedChoice({
  needs,
  occupied,
  onChange,
}: {
  needs: ImportResponse['needs'];
  occupied: 'logout' | 'leave' | null;
  onChange: (choice: 'logout' | 'leave') => void;
}) {
  const count = needs.occupiedRemovedCount;
  const named = needs.occupiedRemoved
    .slice(0, 5)
    .map((desk) => `${desk.deskName}: ${desk.occupant}`)
    .join(', ');
  const more = count > 5 ? ` and ${(count - 5).toLocaleString()} more` : '';
  return (
    <fieldset className="alert alert-warning settings-group-plain">
      <legend>
        {count.toLocaleString()} desk{count === 1 ? '' : 's'} to be removed {count === 1 ? 'is' : 'are'} in use ({named}
        {more}). What happens to the people?
      </legend>
      <label className="checkbox">
        <input
          type="radio"
          name="occupied"
          checked={occupied === 'logout'}
          disabled={!needs.mayLogOut}
          onChange={() => onChange('logout')}
        />{' '}
        Log them out (their desk phones stop ringing for them)
      </label>
      {!needs.mayLogOut && <p className="field-hint">Only helpdesk and administrators can log people out.</p>}
      <label className="checkbox">
        <input type="radio" name="occupied" checked={occupied === 'leave'} onChange={() => onChange('leave')} /> Leave
        their phones as they are on the PBX
      </label>
    </fieldset>
  );
}

export function ImportWizard() {
  const [step, setStep] = useState<Step>({ kind: 'idle', message: null });
  const [mode, setMode] = useState<'replace' | 'merge'>('merge');
  const [createFloors, setCreateFloors] = useState(false);
  const [confirmRemoveAll, setConfirmRemoveAll] = useState(false);
  const [occupied, setOccupied] = useState<'logout' | 'leave' | null>(null);
  const cancelRef = useRef<() => void>(() => undefined);
  const input = useRef<HTMLInputElement>(null);
  const importDesks = useImportDesks();

  const start = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setStep({
        kind: 'idle',
        message: `This file has ${(file.size / 1024 / 1024).toFixed(1)} MB; a desk file can have at most 50 MB.`,
      });
      return;
    }
    setStep({ kind: 'parsing', file, progress: 0 });
    const running = checkFile(await file.arrayBuffer(), (progress) =>
      setStep((current) => (current.kind === 'parsing' ? { ...current, progress } : current)),
    );
    cancelRef.current = running.cancel;
    try {
      const checked = await running.result;
      setStep((current) => (current.kind === 'parsing' ? { kind: 'checked', file, checked } : current));
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      setStep({ kind: 'idle', message: error instanceof Error ? error.message : 'The file could not be read.' });
    }
  };

  const dryRun = (file: File, checked: CheckedFile) => {
    const controller = new AbortController();
    cancelRef.current = () => controller.abort();
    setStep({ kind: 'validating', file, checked });
    setConfirmRemoveAll(false);
    setOccupied(null);
    importDesks.mutate(
      { file, mode, dryRun: true, createFloors, confirmRemoveAll: false, occupied: null, signal: controller.signal },
      {
        onSuccess: (result) => setStep({ kind: 'reviewed', file, checked, dryRun: result }),
        onError: (error) => {
          if (error.name !== 'AbortError') setStep({ kind: 'failed', file, checked, message: error.message });
        },
      },
    );
  };

  const apply = (file: File, checked: CheckedFile, reviewed: ImportResponse) => {
    setStep({ kind: 'applying', file, dryRun: reviewed });
    importDesks.mutate(
      { file, mode, dryRun: false, createFloors, confirmRemoveAll, occupied },
      {
        onSuccess: (result) => setStep({ kind: 'done', result }),
        onError: (error) =>
          setStep({
            kind: 'failed',
            file,
            checked,
            message: error instanceof ApiError ? error.message : 'The import failed; nothing was changed.',
          }),
      },
    );
  };

  const cancel = () => {
    cancelRef.current();
    setStep({ kind: 'idle', message: 'Cancelled. Nothing was changed.' });
  };

  if (step.kind === 'idle') {
    return (
      <div className="import">
        <FileDropzone label="Desk file" onFile={(file) => void start(file)}>
          <h2>Drop a desk file here</h2>
          <p>
            CSV with the columns <code>hw_id</code>, <code>name</code>, <code>computername</code> (the previous
            product’s file imports as it is), optionally <code>floor</code>, <code>zone</code>, <code>x</code>,{' '}
            <code>y</code>, <code>rotation</code>, <code>enabled</code>. Excel’s “CSV UTF-8”, German semicolon CSV and
            “Unicode text” all work. At most 50 MB.
          </p>
          <input
            ref={input}
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            className="visually-hidden"
            aria-label="Choose a desk file"
            onChange={(event) => {
              void start(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
          <button type="button" className="button button-primary" onClick={() => input.current?.click()}>
            Choose a file…
          </button>
        </FileDropzone>
        {step.message && (
          <p className="alert alert-warning" role="status">
            {step.message}
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

  if (step.kind === 'parsing') {
    return (
      <div className="card import-step" role="status" aria-live="polite">
        <h2>Reading {step.file.name}…</h2>
        <progress max={1} value={step.progress} aria-label="Reading the file" />
        <p className="muted">{Math.round(step.progress * 100)}% — checking every row.</p>
        <button type="button" className="button" onClick={cancel}>
          Cancel
        </button>
      </div>
    );
  }

  if (step.kind === 'applying') {
    return (
      <div className="card import-step" role="status" aria-live="polite">
        <h2>Applying the import…</h2>
        <progress aria-label="Applying the import" />
        <p className="muted">
          {step.dryRun.summary.added} to add, {step.dryRun.summary.changed} to change, {step.dryRun.summary.removed} to
          remove. This is one transaction: either all of it lands or none of it.
        </p>
      </div>
    );
  }

  if (step.kind === 'done') {
    const { summary } = step.result;
    return (
      <div className="card import-step">
        <h2>Import done</h2>
        <p className="alert alert-success" role="status">
          {summary.added} desks added, {summary.changed} changed, {summary.removed} removed, {summary.unchanged}{' '}
          unchanged.
        </p>
        <div className="button-row">
          <Link className="button button-primary" to="/desks">
            Open the desk table
          </Link>
          <button type="button" className="button" onClick={() => setStep({ kind: 'idle', message: null })}>
            Import another file
          </button>
        </div>
      </div>
    );
  }

  const { file, checked } = step;
  const fileFacts = `${file.name}: ${checked.rowCount.toLocaleString()} row${checked.rowCount === 1 ? '' : 's'}, ${encodingName[checked.encoding]}, ${delimiterName[checked.delimiter]}-separated`;

  if (checked.errorCount > 0) {
    return (
      <div className="import">
        <div className="card import-step">
          <h2>This file cannot be imported yet</h2>
          <p>{fileFacts}.</p>
          <p className="alert alert-error" role="alert">
            {checked.errorCount} problem{checked.errorCount === 1 ? '' : 's'} found. Fix them in the file and choose it
            again; nothing was changed.
          </p>
          <button type="button" className="button" onClick={() => setStep({ kind: 'idle', message: null })}>
            Choose another file
          </button>
        </div>
        <IssueTable issues={checked.errors} caption="Problems in the file" total={checked.errorCount} />
      </div>
    );
  }

  const reviewed = step.kind === 'reviewed' ? step.dryRun : null;
  const needsChoice =
    reviewed !== null &&
    ((reviewed.needs.confirmRemoveAll && !confirmRemoveAll) ||
      (reviewed.needs.occupiedRemovedCount > 0 && occupied === null));

  return (
    <div className="import">
      <div className="card import-step">
        <h2>{fileFacts}</h2>
        {checked.warnings.map((warning) => (
          <p key={`${warning.row}-${warning.column ?? ''}`} className="alert alert-warning">
            {warning.message}
          </p>
        ))}
        <div className="panel">
          <table className="data-table">
            <caption className="visually-hidden">The first rows of the file</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Phone MAC</th>
                <th scope="col">Desk</th>
                <th scope="col">Computer names</th>
                <th scope="col">Floor</th>
              </tr>
            </thead>
            <tbody>
              {checked.preview.slice(0, 8).map((desk) => (
                <tr key={desk.row}>
                  <td>{desk.row}</td>
                  <td className="mono">{formatMac(desk.mac)}</td>
                  <td>{desk.name}</td>
                  <td>{desk.computerNames.join(', ')}</td>
                  <td>{desk.floor ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <fieldset className="settings-group-plain">
          <legend>How to import</legend>
          <label className="checkbox">
            <input
              type="radio"
              name="mode"
              checked={mode === 'merge'}
              onChange={() => setMode('merge')}
              disabled={step.kind !== 'checked'}
            />{' '}
            Merge: add and update desks by phone MAC; desks not in the file stay
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="mode"
              checked={mode === 'replace'}
              onChange={() => setMode('replace')}
              disabled={step.kind !== 'checked'}
            />{' '}
            Replace: the file becomes the whole desk table; desks not in it are removed
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={createFloors}
              onChange={(event) => setCreateFloors(event.target.checked)}
              disabled={step.kind !== 'checked'}
            />{' '}
            Create floors the file names that do not exist yet
          </label>
        </fieldset>
        {step.kind === 'checked' && (
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={() => dryRun(file, checked)}>
              Check against the desk table
            </button>
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        )}
        {step.kind === 'validating' && (
          <div className="button-row" role="status">
            <span className="spinner" aria-hidden="true" /> Comparing with the desk table…
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        )}
        {step.kind === 'failed' && (
          <div className="alert alert-error" role="alert">
            <p>{step.message}</p>
            <button type="button" className="button" onClick={() => setStep({ kind: 'checked', file, checked })}>
              Back
            </button>
          </div>
        )}
      </div>

      {reviewed && (
        <div className="card import-step">
          <h2>What the import changes</h2>
          <ul className="summary-list" aria-label="Summary">
            <li>
              <strong>{reviewed.summary.added}</strong> added
            </li>
            <li>
              <strong>{reviewed.summary.changed}</strong> changed
            </li>
            <li>
              <strong>{reviewed.summary.removed}</strong> removed
            </li>
            <li>
              <strong>{reviewed.summary.unchanged}</strong> unchanged
            </li>
          </ul>
          {reviewed.errorCount > 0 ? (
            <IssueTable issues={reviewed.errors} caption="Conflicts with the desk table" total={reviewed.errorCount} />
          ) : (
            <>
              {reviewed.changes.length > 0 && (
                <div className="panel">
                  <table className="data-table">
                    <caption className="visually-hidden">Changes</caption>
                    <thead>
                      <tr>
                        <th scope="col">Change</th>
                        <th scope="col">Row</th>
                        <th scope="col">Phone MAC</th>
                        <th scope="col">Before</th>
                        <th scope="col">After</th>
                      </tr>
                    </thead>
                    <tbody>
                      {reviewed.changes.slice(0, 100).map((change, index) => (
                        <tr key={`${change.mac}-${index}`}>
                          <td>
                            <span
                              className={`badge badge-${change.kind === 'removed' ? 'failed' : change.kind === 'added' ? 'ok' : 'refused'}`}
                            >
                              {change.kind}
                            </span>
                          </td>
                          <td>{change.row ?? '—'}</td>
                          <td className="mono">{formatMac(change.mac)}</td>
                          <td>
                            {change.before
                              ? `${String(change.before.name)} ${String(change.before.computername ?? '')}`
                              : '—'}
                          </td>
                          <td>
                            {change.after
                              ? `${String(change.after.name)} ${String(change.after.computername ?? '')}`
                              : '—'}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {reviewed.needs.confirmRemoveAll && (
                <label className="checkbox alert alert-warning">
                  <input
                    type="checkbox"
                    checked={confirmRemoveAll}
                    onChange={(event) => setConfirmRemoveAll(event.target.checked)}
                  />{' '}
                  Yes, remove every desk that is not in this file — that is all {reviewed.summary.removed} of them.
                </label>
              )}
              {reviewed.needs.occupiedRemovedCount > 0 && (
                <OccupiedChoice needs={reviewed.needs} occupied={occupied} onChange={setOccupied} />
              )}
              <div className="button-row">
                <button
                  type="button"
                  className="button button-primary"
                  disabled={needsChoice}
                  onClick={() => apply(file, checked, reviewed)}
                >
                  Apply import
                </button>
                <button type="button" className="button" onClick={cancel}>
                  Cancel
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}
