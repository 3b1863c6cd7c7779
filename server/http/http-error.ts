import type { ErrorCode } from '../../contract/api.ts';

/** An error the client should see as `{error:{code,message,fields}}` with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
    /** Extra top-level members of the error body, e.g. the current state in a conflict. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}
