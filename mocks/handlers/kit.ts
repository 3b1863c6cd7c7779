import { i18n } from '@lingui/core';
import { HttpResponse, type DefaultBodyType, type JsonBodyType, type StrictRequest } from 'msw';
import type { AuditRecord } from '../../contract/api.ts';
import type { LiveEvent } from '../../contract/events.ts';
import type { z } from '../../contract/zod.ts';
import { msg, type Locale, type Message, type MessageId, type MessageValue } from '../../i18n/message.ts';
import { inLocale } from '../../i18n/translate.ts';

/**
 * What every mocked endpoint needs the way the service does it: the error shape, zod failures as field
 * messages, If-Match versions, an audit line per change and a live event per change.
 */

/**
 * The language the handlers answer in, the console's: the demo runs in the console's page, whose language is
 * Lingui's active one (the contract suite runs these handlers in Node, in English).
 */
export const consoleLocale = (): Locale => (i18n.locale === 'de' ? 'de' : 'en');

/** A message of the service, in the console's language. */
export const said = (id: MessageId, values?: Record<string, MessageValue>) => sayMessage(msg(id, values));

/** A message already made (a contract's rule, a schema's `messageText`), in the console's language. */
export const sayMessage = (message: Message | string) => inLocale(message, consoleLocale());

export const fail = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json(
    { error: { code, message, ...('fields' in extra ? { fields: extra.fields } : {}) }, ...extra },
    {
      status,
    },
  );

export const fieldsOf = (issues: readonly { path: PropertyKey[]; message: string }[]) =>
  Object.fromEntries(issues.map((issue) => [issue.path.map(String).join('.') || '_', sayMessage(issue.message)]));

/** The request's JSON body parsed by `schema`, or the service's 400 with a message per field. */
export async function parseBody<Schema extends z.ZodType>(
  request: StrictRequest<DefaultBodyType>,
  schema: Schema,
): Promise<z.output<Schema> | Response> {
  const parsed = schema.safeParse(await request.json().catch(() => null));
  return parsed.success
    ? parsed.data
    : fail(400, 'bad_request', said('api.request.someFieldsMissingInvalid'), { fields: fieldsOf(parsed.error.issues) });
}

/** The version in If-Match: a 428 without it. */
export function expectedVersion(request: StrictRequest<DefaultBodyType>): number | Response {
  const version = Number(/(\d+)/.exec(request.headers.get('if-match') ?? '')?.[1] ?? Number.NaN);
  return Number.isNaN(version)
    ? fail(428, 'precondition_required', said('api.request.sendVersionChangingIf'))
    : version;
}

/** What the service answers for an item that is gone, and for one someone else changed. */
const VERSIONED = {
  desk: { gone: 'api.shared.deskDoesExistAny', stale: 'api.deskService.someoneElseChangedDesk' },
  floor: { gone: 'api.floorService.floorDoesExistAny', stale: 'api.floorService.someoneElseChangedFloor' },
  site: { gone: 'api.siteService.siteDoesExistAny', stale: 'api.siteService.someoneElseChangedSite' },
  neighbourhood: {
    gone: 'api.neighbourhoods.neighbourhoodDoesExistAny',
    stale: 'api.neighbourhoods.someoneElseChangedNeighbourhood',
  },
} as const satisfies Record<string, { gone: MessageId; stale: MessageId }>;

/** The item a change names, at the version in If-Match: 428 without it, 404 unknown, 409 stale (with the current). */
export function atVersion<Item extends { id: string; version: number }>(
  request: StrictRequest<DefaultBodyType>,
  items: readonly Item[],
  id: unknown,
  noun: keyof typeof VERSIONED,
): Item | Response {
  const version = expectedVersion(request);
  if (version instanceof Response) return version;
  const item = items.find((candidate) => candidate.id === id);
  if (!item) return fail(404, 'not_found', said(VERSIONED[noun].gone));
  if (item.version !== version) {
    return fail(409, 'version_conflict', said(VERSIONED[noun].stale), { current: item });
  }
  return item;
}

/** What the handlers share besides their domain state: the audit log and the live event listeners. */
export interface MockJournal {
  audit: AuditRecord[];
  listeners: Set<(event: LiveEvent) => void>;
}

export function recordAudit(
  journal: MockJournal,
  actor: string,
  action: string,
  result: AuditRecord['result'] = 'ok',
  detail: Record<string, unknown> = {},
  target: string | null = null,
): void {
  journal.audit.unshift({
    id: String(journal.audit.length + 1),
    at: new Date().toISOString(),
    actor,
    action,
    target,
    result,
    detail,
  });
}

export function publish(journal: MockJournal, ...events: LiveEvent[]): void {
  for (const event of events) for (const listener of [...journal.listeners]) listener(event);
}

export const newId = (): string => crypto.randomUUID();

export const json = <Body extends JsonBodyType>(body: Body, version?: number, status = 200) =>
  HttpResponse.json(body, { status, ...(version === undefined ? {} : { headers: { ETag: `"${version}"` } }) });
