import type { UtilisationInterval, UtilisationRow } from '../../../../contract/analytics.ts';
import { useT } from '../../../i18n/use-t.ts';
import { formattingLocale } from '../../../i18n/i18n.ts';
import { formatNumber } from '../../../i18n/format.ts';
import { ScrollRegion } from '../../../components/scroll-region.tsx';

/** The chart's numbers as a table: every group and interval, for screen readers and for reading off values. */
export function UtilisationTable({
  rows,
  timeZone,
  interval,
}: {
  rows: readonly UtilisationRow[];
  timeZone: string;
  interval: UtilisationInterval;
}) {
  const t = useT();
  const format = new Intl.DateTimeFormat(formattingLocale(), {
    timeZone,
    dateStyle: 'medium',
    ...(interval === 'hour' ? { timeStyle: 'short' } : {}),
  });
  return (
    <ScrollRegion label={t('table.caption')}>
      <table className="data-table">
        <caption className="visually-hidden">{t('table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.group')}</th>
            <th scope="col">
              {interval === 'week'
                ? t('table.weekFrom')
                : interval === 'day'
                  ? t('insights.interval.day')
                  : t('insights.interval.hour')}
            </th>
            <th scope="col">{t('deskTable.label')}</th>
            <th scope="col">{t('table.officeHours')}</th>
            <th scope="col">{t('table.hours')}</th>
            <th scope="col">{t('table.outside')}</th>
            <th scope="col">{t('table.peak')}</th>
            <th scope="col">{t('table.utilisation')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.groupId}:${row.start}`}>
              <th scope="row">{row.groupName}</th>
              <td>{format.format(new Date(row.start))}</td>
              <td>{row.desks}</td>
              <td>{formatNumber(row.officeHours)}</td>
              <td>{row.suppressed ? t('table.hidden') : formatNumber(row.occupiedHours ?? 0)}</td>
              <td>{row.suppressed ? t('table.hidden') : formatNumber(row.outsideHours ?? 0)}</td>
              <td>{row.suppressed ? t('table.hidden') : formatNumber(row.peakOccupied ?? 0)}</td>
              <td>
                {row.suppressed
                  ? t('table.hidden')
                  : row.utilisation === null
                    ? t('table.closed')
                    : t('table.percent', { value: row.utilisation })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
