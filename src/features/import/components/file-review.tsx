import type { ImportResponse } from '../../../../contract/desks.ts';
import { formatMac } from '../../../../contract/mac.ts';
import type { CheckedFile } from '../csv-check.ts';
import type { ImportChoices, Step } from '../import-machine.ts';
import { IssueTable } from './issue-table.tsx';
import { OccupiedChoice } from './occupied-choice.tsx';

type ReviewStep = Extract<Step, { kind: 'checked' | 'validating' | 'reviewed' | 'failed' }>;

interface FileReviewProps {
  step: ReviewStep;
  facts: string;
  choices: ImportChoices;
  needsChoice: boolean;
  onChoose: (choices: Partial<ImportChoices>) => void;
  onCheck: () => void;
  onApply: () => void;
  onBack: () => void;
  onCancel: () => void;
}

/** A readable file: its first rows and the import options, then (after the dry run) what would change. */
export function FileReview(props: FileReviewProps) {
  const { step, facts, choices, onChoose, onCheck, onBack, onCancel } = props;
  const editable = step.kind === 'checked';
  return (
    <div className="import">
      <div className="card import-step">
        <h2>{facts}</h2>
        {step.checked.warnings.map((warning) => (
          <p key={`${warning.row}-${warning.column ?? ''}`} className="alert alert-warning">
            {warning.message}
          </p>
        ))}
        <FilePreview checked={step.checked} />
        <fieldset className="settings-group-plain">
          <legend>How to import</legend>
          <label className="checkbox">
            <input
              type="radio"
              name="mode"
              checked={choices.mode === 'merge'}
              onChange={() => onChoose({ mode: 'merge' })}
              disabled={!editable}
            />{' '}
            Merge: add and update desks by phone MAC; desks not in the file stay
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="mode"
              checked={choices.mode === 'replace'}
              onChange={() => onChoose({ mode: 'replace' })}
              disabled={!editable}
            />{' '}
            Replace: the file becomes the whole desk table; desks not in it are removed
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={choices.createFloors}
              onChange={(event) => onChoose({ createFloors: event.target.checked })}
              disabled={!editable}
            />{' '}
            Create floors the file names that do not exist yet
          </label>
        </fieldset>
        {step.kind === 'checked' && (
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={onCheck}>
              Check against the desk table
            </button>
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        )}
        {step.kind === 'validating' && (
          <div className="button-row" role="status">
            <span className="spinner" aria-hidden="true" /> Comparing with the desk table…
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        )}
        {step.kind === 'failed' && (
          <div className="alert alert-error" role="alert">
            <p>{step.message}</p>
            <button type="button" className="button" onClick={onBack}>
              Back
            </button>
          </div>
        )}
      </div>
      {step.kind === 'reviewed' && <ChangesReview {...props} dryRun={step.dryRun} />}
    </div>
  );
}

function FilePreview({ checked }: { checked: CheckedFile }) {
  return (
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
  );
}

function ChangesReview({
  dryRun,
  choices,
  needsChoice,
  onChoose,
  onApply,
  onCancel,
}: FileReviewProps & { dryRun: ImportResponse }) {
  const { summary, needs } = dryRun;
  return (
    <div className="card import-step">
      <h2>What the import changes</h2>
      <ul className="summary-list" aria-label="Summary">
        <li>
          <strong>{summary.added}</strong> added
        </li>
        <li>
          <strong>{summary.changed}</strong> changed
        </li>
        <li>
          <strong>{summary.removed}</strong> removed
        </li>
        <li>
          <strong>{summary.unchanged}</strong> unchanged
        </li>
      </ul>
      {dryRun.errorCount > 0 ? (
        <IssueTable issues={dryRun.errors} caption="Conflicts with the desk table" total={dryRun.errorCount} />
      ) : (
        <>
          {dryRun.changes.length > 0 && <ChangeTable changes={dryRun.changes} />}
          {needs.confirmRemoveAll && (
            <label className="checkbox alert alert-warning">
              <input
                type="checkbox"
                checked={choices.confirmRemoveAll}
                onChange={(event) => onChoose({ confirmRemoveAll: event.target.checked })}
              />{' '}
              Yes, remove every desk that is not in this file — that is all {summary.removed} of them.
            </label>
          )}
          {needs.occupiedRemovedCount > 0 && (
            <OccupiedChoice needs={needs} occupied={choices.occupied} onChange={(occupied) => onChoose({ occupied })} />
          )}
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={needsChoice} onClick={onApply}>
              Apply import
            </button>
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </>
      )}
    </div>
  );
}

function ChangeTable({ changes }: { changes: ImportResponse['changes'] }) {
  const describe = (side: Record<string, unknown> | null) =>
    side ? `${String(side.name)} ${String(side.computername ?? '')}` : '—';
  return (
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
          {changes.slice(0, 100).map((change, index) => (
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
              <td>{describe(change.before)}</td>
              <td>{describe(change.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
