import type { ErrorCode } from '../../contract/api.ts';
import { inLocale, type Message } from '../lib/text.ts';

/**
 * An error the client should see as `{error:{code,message,fields}}` with this status; `message` in the
 * request's language when it is given as a `Message`.
 */
export class HttpError extends Error {
  /** The message as raised: the catalogues' (said in the request's language), or a contract's `messageText`. */
  readonly text: Message | string;
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 503,
    readonly code: ErrorCode,
    message: string | Message,
    readonly fields?: Record<string, string | Message>,
    readonly headers?: Record<string, string>,
    /** Extra top-level members of the error body, e.g. the current state in a conflict. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(inLocale(message, 'en'));
    this.text = message;
  }
}
