import type { ErrorCode } from '../../contract/api.ts';
import type { Text } from '../lib/text.ts';

/**
 * An error the client should see as `{error:{code,message,fields}}` with this status; `message` in the
 * request's language when it is given as a `Text`.
 */
export class HttpError extends Error {
  readonly text: Text | null;
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 503,
    readonly code: ErrorCode,
    message: string | Text,
    readonly fields?: Record<string, string | Text>,
    readonly headers?: Record<string, string>,
    /** Extra top-level members of the error body, e.g. the current state in a conflict. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.text = typeof message === 'string' ? null : message;
  }
}
