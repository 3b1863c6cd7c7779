import type { DomainError } from '../lib/domain-error.ts';
import { isDatabaseUnavailable } from '../db/db.ts';
import { errorField, log } from '../lib/log.ts';
import { PbxUnavailableError } from '../pbx/pbx.ts';
import { HttpError } from './http-error.ts';
import { msg } from '../../i18n/message.ts';

/** The HTTP status of a rule's "no" (server/lib/domain-error.ts): by its kind, a few codes by their own. */
const DOMAIN_STATUS = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale: 409,
  semantic: 422,
} as const;

export function statusOf(error: DomainError): HttpError['status'] {
  if (error.code === 'payload_too_large') return 413;
  if (error.code === 'unsupported_media_type') return 415;
  if (error.code === 'pbx_unavailable') return 503;
  return DOMAIN_STATUS[error.kind];
}

/**
 * Safety nets for what input validation should have caught but did not: a value the database refuses
 * (SQLSTATE class 22, data exception) is the client's input, so 400, and logged so that the validation can
 * be mended; a PBX that does not answer is 503 with a sentence, never 500.
 */
export function asHttpError(caught: Error): Error {
  const code = (caught as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('22')) {
    log.warn({ error: errorField(caught) }, 'input reached the database unvalidated');
    return new HttpError(400, 'bad_request', msg('api.errorMapping.valueRequestValidOut'));
  }
  if (caught instanceof PbxUnavailableError)
    return new HttpError(503, 'pbx_unavailable', msg('api.errorMapping.phoneSystemPbxAnswering'));
  if (isDatabaseUnavailable(caught))
    return new HttpError(503, 'database_unavailable', msg('api.errorMapping.databaseAnsweringRightNow'), undefined, {
      'Retry-After': '5',
    });
  return caught;
}
