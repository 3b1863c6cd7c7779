import type { ErrorCode } from '../contract/api.ts';

/**
 * A rule said no. Use cases throw these without knowing HTTP; the routes map `kind` to a status.
 * `extra` travels to the client beside the error (e.g. the current state in a conflict).
 */
export class DomainError extends Error {
  constructor(
    readonly kind: 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'stale' | 'semantic',
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}
