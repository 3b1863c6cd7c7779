import type { Permission } from './access.ts';
import type { z } from './zod.ts';

/** Who may call: anyone; anyone signed in; a PBX user or a check-in token; or a permission of contract/access.ts. */
export type RouteAccess = 'public' | 'session' | 'checkin' | Permission;

/** A body or answer that is not JSON: its media type and what it is. */
export interface RawContent {
  mediaType: string;
  description: string;
}

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  access: RouteAccess;
  query?: z.ZodType;
  body?: z.ZodType | RawContent;
  /** The success answer: a schema (JSON), raw content, or nothing (204). */
  response: z.ZodType | RawContent | null;
  /** The success status when not 200 (201 created, 204 no content). */
  status?: 201 | 204;
  /** Needs `If-Match: "<version>"` (optimistic concurrency): 428 without it, 409 when stale. */
  ifMatch?: boolean;
  /** Failures the endpoint itself gives, beyond 400 (invalid input) and the access failures (401, 403). */
  errors?: readonly (404 | 409 | 413 | 415 | 422 | 429 | 503)[];
  /** An example request body (JSON). */
  example?: unknown;
}
