import type { ErrorCode } from '../../contract/api.ts';
import type { Text } from './text.ts';

/**
 * A rule said no. Use cases throw these without knowing HTTP; the routes map `kind` to a status.
 * `extra` travels to the client beside the error (e.g. the current state in a conflict).
 */
export class DomainError extends Error {
  readonly text: Text | null;
  constructor(
    readonly kind: 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'stale' | 'semantic',
    readonly code: ErrorCode,
    message: string | Text,
    readonly fields?: Record<string, string | Text>,
    readonly extra?: Record<string, unknown>,
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.text = typeof message === 'string' ? null : message;
  }
}
