/**
 * The HTTP contract between the console, the msw handlers and the service: one set of zod schemas,
 * validated on both sides so that the three cannot drift apart.
 */
import { personOfActor } from './analytics.ts';
import { z } from './zod.ts';
import { messageText } from '../i18n/message.ts';

export const roleSchema = z.enum(['admin', 'helpdesk', 'facility', 'security', 'user']);
export type Role = z.infer<typeof roleSchema>;

export const signInRequestSchema = z.object({
  username: z.string().trim().min(1, messageText('auth.schema.enterUserName')).max(128),
  password: z.string().min(1, messageText('auth.schema.enterPassword')).max(256),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const sessionUserSchema = z.object({
  name: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionResponseSchema = z.object({
  user: sessionUserSchema,
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** POST /api/v1/session/myapps/challenge: what the console asks myApps to sign (AppGetLogin). */
export const myAppsChallengeResponseSchema = z.object({
  challenge: z.string(),
  /** The App object's name, which the console names in its `getLogin` unless myApps passed `?name=`. */
  app: z.string(),
});
export type MyAppsChallengeResponse = z.infer<typeof myAppsChallengeResponseSchema>;

const loginField = z.string().max(512);

/**
 * POST /api/v1/session/myapps: the myApps client's `Login` message (the PBX's AppGetLoginResult) and the
 * challenge it signs. `info` is hashed exactly as sent, so it stays an untyped JSON object.
 */
export const myAppsSignInRequestSchema = z.object({
  challenge: z.string().min(1).max(128),
  app: loginField,
  domain: loginField,
  sip: loginField.min(1, messageText('auth.schema.myappsLoginNamesUser')),
  guid: loginField,
  dn: loginField,
  info: z.record(z.string(), z.unknown()).optional(),
  digest: z.string().regex(/^[0-9a-fA-F]{64}$/, messageText('auth.schema.digestMust64Hex')),
});
export type MyAppsSignInRequest = z.infer<typeof myAppsSignInRequestSchema>;

/** A myApps session: the console sends `token` as `Authorization: Bearer` (the frame gets no cookie). */
export const myAppsSessionResponseSchema = sessionResponseSchema.extend({ token: z.string() });
export type MyAppsSessionResponse = z.infer<typeof myAppsSessionResponseSchema>;

/** `unresponsive`: connected, but the PBX has not answered a WebSocket ping for a few seconds. */
export const pbxStateSchema = z.enum(['connecting', 'connected', 'unresponsive', 'reconnecting', 'disconnected']);
export type PbxState = z.infer<typeof pbxStateSchema>;

/** One PBX of the system (a multi-site installation has a master and slaves) and its connection. */
export const pbxLinkSchema = z.object({ name: z.string(), master: z.boolean(), state: pbxStateSchema });
export type PbxLink = z.infer<typeof pbxLinkSchema>;

export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'error']),
  /** The master PBX's connection (users, device lists). */
  pbx: pbxStateSchema,
  /** Every PBX of the system; one that is down is named here while the others keep working. */
  pbxs: z.array(pbxLinkSchema),
  /** The running version (package.json, with the build's commit where the image has one). */
  version: z.string(),
  /** Whether this instance does the background work (one of several on PostgreSQL leads). */
  leader: z.boolean(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** GET /api/v1/health/live: the process answers. */
export const healthLiveSchema = z.object({ status: z.literal('live'), version: z.string() });

/** GET /api/v1/health/ready: 200 `{ready: true}`, or 503 with what keeps it from taking traffic. */
export const healthReadySchema = z.object({ ready: z.boolean(), reasons: z.array(z.string()) });

/** What an administrator sees of the PBX connection and the invariants (GET /api/v1/health/pbx). */
export const pbxHealthResponseSchema = z.object({
  state: pbxStateSchema,
  since: z.string(),
  lastError: z.string().nullable(),
  replicaLoaded: z.boolean(),
  users: z.number().int(),
  registrationsLoaded: z.boolean(),
  registrations: z.number().int(),
  /** The PBX tells the service about every call (RCC `calls`): logouts can wait for calls to end. */
  callsWatched: z.boolean(),
  pbxs: z.array(
    pbxLinkSchema.extend({
      url: z.string(),
      since: z.string(),
      lastError: z.string().nullable(),
      loginRefused: z.boolean(),
      registrationsLoaded: z.boolean(),
      registrations: z.number().int(),
      callsWatched: z.boolean(),
    }),
  ),
  /** PBXs of the system (GetNodes) that no configured address reaches: set PBX_SLAVE_URLS. */
  unreached: z.array(z.string()),
  invariants: z.object({
    ok: z.boolean(),
    duplicateMacs: z.array(z.object({ mac: z.string(), holders: z.array(z.string()) })),
    sessionMismatches: z.array(z.object({ mac: z.string(), expected: z.string(), actual: z.string().nullable() })),
    pendingMoves: z.number().int(),
  }),
});
export type PbxHealthResponse = z.infer<typeof pbxHealthResponseSchema>;

export const errorCodeSchema = z.enum([
  'bad_request',
  'invalid_credentials',
  'too_many_attempts',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'not_found',
  'pbx_unavailable',
  'database_unavailable',
  'internal',
  'desk_name_taken',
  'mac_taken',
  'computer_name_taken',
  'floor_name_taken',
  'site_name_taken',
  'version_conflict',
  'precondition_required',
  'desk_occupied',
  'desk_frozen',
  'desk_on_call',
  'unsupported_media_type',
  'payload_too_large',
  'layout_conflict',
  'method_disabled',
  'unknown_desk',
  'unknown_person',
  'aggregate_only',
  'desk_closed',
  'not_a_pbx_user',
  'already_checked_in',
  'desk_changed',
  'import_invalid',
  'confirm_remove_all',
  'occupied_desks',
  'take_over_unconfirmed',
  /** An emergency notice is being sent (or was): only one given up on can be sent again. */
  'notice_not_failed',
  'mail_not_failed',
  'neighbourhood_overlap',
  'neighbourhood_name_taken',
  'desk_neighbourhood',
  /** The desk or the person is booked for (part of) that time, or a booking rule says no. */
  'booking_conflict',
  /** A check-in at a desk somebody else booked from now or soon (the policy's walk-in guard). */
  'desk_booked',
  /** The booking was cancelled, released or is over. */
  'booking_ended',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  /** The actor's display name from the PBX directory, when the actor is a PBX user (null for system actors). */
  actorName: z.string().nullable(),
  /** The display name of the person the event is about (`detail.user`), when known. */
  subjectName: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  result: z.enum(['ok', 'refused', 'failed', 'deferred']),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
/** An event as stored: the names are looked up when it is listed (people rename; the log keeps user names). */
export type AuditRecord = Omit<AuditEvent, 'actorName' | 'subjectName'>;

/** A stored event with the display names `nameOf` knows for its actor and its subject (`detail.user`). */
export function withNames(record: AuditRecord, nameOf: (user: string) => string | null): AuditEvent {
  const subject = record.detail.user;
  const known = record.detail.displayName;
  return {
    ...record,
    actorName: nameOf(record.actor),
    subjectName: typeof known === 'string' ? known : typeof subject === 'string' ? nameOf(subject) : null,
  };
}

/** GET /api/v1/audit: newest first; `before` is the last event id of the previous page. */
export const auditQuerySchema = z.object({
  before: z
    .string()
    .regex(/^[1-9]\d{0,17}$/, 'before must be an event id.')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Who: part of the acting user's name, any case. */
  actor: z.string().trim().min(1).max(128).optional(),
  /** What: actions or groups of them, comma-separated (`desk` is every `desk.…` action, `desk.create` one). */
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)?(,[a-z_]+(\.[a-z_]+)?)*$/, messageText('contract.api.actions'))
    .optional(),
  /** Which desk (or other target): part of its name, any case. */
  target: z.string().trim().min(1).max(128).optional(),
  /** The time range: events at or after `from` and before `to` (ISO 8601 with a zone). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Whether an event passes a query's filters: the rule the service writes in SQL, for the mock API. */
export function matchesAuditQuery(
  event: AuditRecord,
  query: Omit<AuditQuery, 'before' | 'limit'>,
  /** The display name of a user name ("Who" matches either, as the service does). */
  displayNameOf: (user: string) => string | null = () => null,
): boolean {
  const contains = (value: string | null, part: string | undefined) =>
    part === undefined || (value ?? '').toLowerCase().includes(part.toLowerCase());
  const actions = query.action?.split(',');
  return (
    (contains(event.actor, query.actor) || contains(displayNameOf(personOfActor(event.actor)) ?? '', query.actor)) &&
    contains(event.target, query.target) &&
    (actions === undefined ||
      actions.some((action) => event.action === action || event.action.startsWith(`${action}.`))) &&
    (query.from === undefined || Date.parse(event.at) >= Date.parse(query.from)) &&
    (query.to === undefined || Date.parse(event.at) < Date.parse(query.to))
  );
}

export const auditListResponseSchema = z.object({
  events: z.array(auditEventSchema),
  nextCursor: z.string().nullable(),
});
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;

export const CSRF_HEADER = 'X-CSRF-Token';
