import type { CsvIssue } from '../../../../contract/desk-csv.ts';
import { errorsCsv } from '../csv-check.ts';
import { useT } from '../../../i18n/use-t.ts';
import { contractMessage } from '../../../i18n/i18n.ts';

/** Problems in a file, or conflicts with the desk table: the first 300 shown, all of them downloadable. */
export function IssueTable({
  issues,
  caption,
  total,
}: {
  issues: readonly CsvIssue[];
  caption: string;
  total: number;
}) {
  const t = useT();
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
          {t('issues.download')}
        </button>
        {total > issues.length && <span className="muted">{t('issues.first', { shown: issues.length, total })}</span>}
      </div>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('review.row')}</th>
            <th scope="col">{t('issues.column')}</th>
            <th scope="col">{t('issues.value')}</th>
            <th scope="col">{t('issues.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {issues.slice(0, 300).map((issue, index) => (
            <tr key={`${issue.row}-${issue.column ?? ''}-${index}`}>
              <td>{issue.row || '—'}</td>
              <td>{issue.column ?? '—'}</td>
              <td className="mono truncate">{issue.value ?? ''}</td>
              <td>{contractMessage(issue.message)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
