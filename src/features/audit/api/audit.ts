import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { auditListResponseSchema, type AuditEvent } from '../../../../contract/api.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { auditKeys } from '../../../lib/query-keys.ts';

/**
 * The audit log's filters as the console holds them; empty strings are "any". `from` and `to` are days
 * (YYYY-MM-DD, both included), turned into instants at the browser's local midnight.
 */
export type AuditFilters = Record<'actor' | 'action' | 'target' | 'from' | 'to', string>;

const localMidnight = (day: string, addDays = 0): string => {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(year, month - 1, date + addDays).toISOString();
};

export const noAuditFilters: AuditFilters = { actor: '', action: '', target: '', from: '', to: '' };

/** The query string of one page: the filters that are set, the page size, the cursor. */
export function auditPath(filters: AuditFilters, limit: number, before: string | null): string {
  const query = new URLSearchParams({ limit: String(limit) });
  for (const key of ['actor', 'action', 'target'] as const) {
    if (filters[key].trim() !== '') query.set(key, filters[key].trim());
  }
  if (filters.from !== '') query.set('from', localMidnight(filters.from));
  if (filters.to !== '') query.set('to', localMidnight(filters.to, 1));
  if (before !== null) query.set('before', before);
  return `/audit?${query.toString()}`;
}

export const auditQueries = {
  list: (filters: AuditFilters) =>
    infiniteQueryOptions({
      queryKey: [...auditKeys.list(), filters],
      queryFn: ({ pageParam, signal }) =>
        apiRequest(auditPath(filters, 100, pageParam), { schema: auditListResponseSchema, signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.nextCursor,
      // An audit log is read to see what just happened: never show a cached copy as current.
      staleTime: 0,
      // While other filters load, the table keeps what it shows (no flash of a loading panel per keystroke).
      placeholderData: keepPreviousData,
    }),
};

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery(auditQueries.list(filters));
}

/** Every event the filters select (newest first), page by page, up to `max`; for the CSV download. */
export async function allAuditEvents(
  filters: AuditFilters,
  max: number,
): Promise<{ events: AuditEvent[]; complete: boolean }> {
  const events: AuditEvent[] = [];
  let before: string | null = null;
  do {
    const page: { events: AuditEvent[]; nextCursor: string | null } = await apiRequest(
      auditPath(filters, 500, before),
      { schema: auditListResponseSchema },
    );
    events.push(...page.events);
    before = page.nextCursor;
  } while (before !== null && events.length < max);
  return { events: events.slice(0, max), complete: before === null && events.length <= max };
}
