import type { ErrorCode } from '../../contract/api.ts';
import { inLocale, type Message } from './text.ts';

/**
 * A rule said no. Use cases throw these without knowing HTTP; the routes map `kind` to a status.
 * `extra` travels to the client beside the error (e.g. the current state in a conflict).
 */
export class DomainError extends Error {
  /** The message as raised: the catalogues' (said in the request's language), or a contract's `messageText`. */
  readonly text: Message | string;
  constructor(
    readonly kind: 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'stale' | 'semantic',
    readonly code: ErrorCode,
    message: string | Message,
    readonly fields?: Record<string, string | Message>,
    readonly extra?: Record<string, unknown>,
  ) {
    super(inLocale(message, 'en'));
    this.text = message;
  }
}
