import type { ImportResponse } from '../../../../contract/desks.ts';
import { formatMac } from '../../../../contract/mac.ts';
import type { CheckedFile } from '../csv-check.ts';
import type { ImportChoices, Step } from '../import-machine.ts';
import { IssueTable } from './issue-table.tsx';
import { OccupiedChoice } from './occupied-choice.tsx';
import { useMemo, useState } from 'react';
import { foldForSearch, matchesWords, searchWords } from '../../../../contract/search.ts';
import { formatNumber } from '../../../i18n/format.ts';
import { useT } from '../../../i18n/use-t.ts';
import { SearchField } from '../../../components/search-field.tsx';
import { SelectField } from '../../../components/select-field.tsx';
import { contractMessage } from '../../../i18n/i18n.ts';
import { VirtualGrid } from '../../../components/virtual-grid.tsx';

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
  const t = useT();
  const editable = step.kind === 'checked';
  return (
    <div className="import">
      <div className="card import-step">
        <h2>{facts}</h2>
        {step.checked.warnings.map((warning) => (
          <p key={`${warning.row}-${warning.column ?? ''}`} className="alert alert-warning">
            {contractMessage(warning.message)}
          </p>
        ))}
        <FilePreview checked={step.checked} />
        <fieldset className="settings-group-plain">
          <legend>{t('review.how')}</legend>
          <label className="checkbox">
            <input
              type="radio"
              name="mode"
              checked={choices.mode === 'merge'}
              onChange={() => onChoose({ mode: 'merge' })}
              disabled={!editable}
            />
            {t('review.merge')}
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="mode"
              checked={choices.mode === 'replace'}
              onChange={() => onChoose({ mode: 'replace' })}
              disabled={!editable}
            />
            {t('review.replace')}
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={choices.createFloors}
              onChange={(event) => onChoose({ createFloors: event.target.checked })}
              disabled={!editable}
            />
            {t('review.createFloors')}
          </label>
        </fieldset>
        {step.kind === 'checked' && (
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={onCheck}>
              {t('review.check')}
            </button>
            <button type="button" className="button" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          </div>
        )}
        {step.kind === 'validating' && (
          <div className="button-row" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('review.comparing')}
            <button type="button" className="button" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          </div>
        )}
        {step.kind === 'failed' && (
          <div className="alert alert-error" role="alert">
            <p>{step.message}</p>
            <button type="button" className="button" onClick={onBack}>
              {t('review.back')}
            </button>
          </div>
        )}
      </div>
      {step.kind === 'reviewed' && <ChangesReview {...props} dryRun={step.dryRun} />}
    </div>
  );
}

function FilePreview({ checked }: { checked: CheckedFile }) {
  const t = useT();
  return (
    <div className="panel">
      <table className="data-table">
        <caption className="visually-hidden">{t('review.firstRows')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('review.row')}</th>
            <th scope="col">{t('deskTable.mac')}</th>
            <th scope="col">{t('board.desk')}</th>
            <th scope="col">{t('deskTable.computers')}</th>
            <th scope="col">{t('board.floor')}</th>
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
  const t = useT();
  const { summary, needs } = dryRun;
  return (
    <div className="card import-step">
      <h2>{t('review.changes')}</h2>
      <ul className="summary-list" aria-label={t('review.summary')}>
        <li>
          <strong>{formatNumber(summary.added)}</strong> {t('review.added')}
        </li>
        <li>
          <strong>{formatNumber(summary.changed)}</strong> {t('review.changed')}
        </li>
        <li>
          <strong>{formatNumber(summary.removed)}</strong> {t('review.removed')}
        </li>
        <li>
          <strong>{formatNumber(summary.unchanged)}</strong> {t('review.unchanged')}
        </li>
      </ul>
      {dryRun.errorCount > 0 ? (
        <IssueTable issues={dryRun.errors} caption={t('review.conflicts')} total={dryRun.errorCount} />
      ) : (
        <>
          {dryRun.changes.length > 0 && (
            <ChangeTable changes={dryRun.changes} total={summary.added + summary.changed + summary.removed} />
          )}
          {needs.confirmRemoveAll && (
            <label className="checkbox alert alert-warning">
              <input
                type="checkbox"
                checked={choices.confirmRemoveAll}
                onChange={(event) => onChoose({ confirmRemoveAll: event.target.checked })}
              />
              {t('review.confirmRemoveAll', { count: summary.removed })}
            </label>
          )}
          {needs.occupiedRemovedCount > 0 && (
            <OccupiedChoice needs={needs} occupied={choices.occupied} onChange={(occupied) => onChoose({ occupied })} />
          )}
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={needsChoice} onClick={onApply}>
              {t('review.apply')}
            </button>
            <button type="button" className="button" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

const kindLabels = { added: 'review.kindAdded', changed: 'review.kindChanged', removed: 'review.kindRemoved' } as const;
type ChangeKind = keyof typeof kindLabels;

const describe = (side: Record<string, unknown> | null) =>
  side ? `${String(side.name)} ${String(side.computername ?? '')}` : '—';

const cellText = (value: unknown) => (value === null || value === undefined || value === '' ? '—' : String(value));

/**
 * What a row of the dry run shows before and after: a new or removed desk by its name, a changed one by the
 * fields that changed and only those ("x 0.5", "floor 2nd floor"), so that nobody has to spot a difference.
 */
function sides(change: ImportResponse['changes'][number]): [string, string] {
  if (change.kind !== 'changed' || !change.before || !change.after)
    return [describe(change.before), describe(change.after)];
  const { before, after } = change;
  const fields = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  const side = (values: Record<string, unknown>) =>
    fields.map((key) => `${key} ${cellText(values[key])}`).join(' · ') || describe(values);
  return [`${String(before.name)}: ${side(before)}`, `${String(after.name)}: ${side(after)}`];
}

const CHANGE_ROW_HEIGHT = 40;

/**
 * Every change of the dry run the service listed (up to 20,000), filtered by kind and by text, virtualised: only
 * the rows in view are in the page.
 */
function ChangeTable({ changes, total }: { changes: ImportResponse['changes']; total: number }) {
  const t = useT();
  const [kind, setKind] = useState<ChangeKind | ''>('');
  const [query, setQuery] = useState('');
  const indexed = useMemo(
    () =>
      changes.map((change) => ({
        change,
        text: foldForSearch([change.mac, describe(change.before), describe(change.after)].join(' ')),
      })),
    [changes],
  );
  const words = searchWords(query);
  const shown = indexed.filter(
    ({ change, text }) => (kind === '' || change.kind === kind) && (words.length === 0 || matchesWords(words, text)),
  );
  return (
    <div className="panel">
      <div className="table-toolbar">
        <SelectField<ChangeKind | ''>
          id="change-kind"
          label={t('board.show')}
          value={kind}
          options={[
            { value: '', label: t('review.allChanges') },
            ...(Object.keys(kindLabels) as ChangeKind[]).map((value) => ({ value, label: t(kindLabels[value]) })),
          ]}
          onChange={setKind}
        />
        <SearchField
          id="change-search"
          label={t('board.search')}
          placeholder={t('review.searchPlaceholder')}
          value={query}
          onChange={setQuery}
        />
        <p className="table-count" role="status">
          {changes.length < total
            ? t('review.countCapped', { shown: shown.length, listed: changes.length, total })
            : t('review.count', { shown: shown.length, total })}
        </p>
      </div>
      <VirtualGrid
        label={t('review.changes')}
        className="change-grid"
        scrollClassName="change-scroll"
        rows={shown}
        rowKey={(_entry, index) => String(index)}
        rowHeight={CHANGE_ROW_HEIGHT}
        head={
          <>
            <div role="columnheader" className="grid-cell">
              {t('review.change')}
            </div>
            <div role="columnheader" className="grid-cell">
              {t('review.row')}
            </div>
            <div role="columnheader" className="grid-cell">
              {t('deskTable.mac')}
            </div>
            <div role="columnheader" className="grid-cell">
              {t('review.before')}
            </div>
            <div role="columnheader" className="grid-cell">
              {t('review.after')}
            </div>
          </>
        }
        cells={(entry) => {
          const { change } = entry;
          const [before, after] = sides(change);
          return (
            <>
              <div role="cell" className="grid-cell">
                <span
                  className={`badge badge-${change.kind === 'removed' ? 'failed' : change.kind === 'added' ? 'ok' : 'refused'}`}
                >
                  {t(kindLabels[change.kind])}
                </span>
              </div>
              <div role="cell" className="grid-cell">
                {change.row ?? '—'}
              </div>
              <div role="cell" className="grid-cell mono">
                {formatMac(change.mac)}
              </div>
              <div role="cell" className="grid-cell truncate" title={before}>
                {before}
              </div>
              <div role="cell" className="grid-cell truncate" title={after}>
                {after}
              </div>
            </>
          );
        }}
      />
    </div>
  );
}
