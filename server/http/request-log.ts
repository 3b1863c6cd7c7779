import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { log } from '../lib/log.ts';
import type { AppEnv } from './session-middleware.ts';

/** An id a proxy or client may pass on: short, and nothing a log line could be forged with. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * One log line per request: its id (`X-Request-Id` taken from the request when it is a plain token, else made
 * here, and sent back), method, path (never the query: it can carry names), status and duration. Health probes
 * and the metrics scrape log at debug level only.
 */
export function requestLog(
  onFinished?: (method: string, status: number, seconds: number) => void,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header('x-request-id');
    const requestId = given !== undefined && ACCEPTABLE_ID.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const path = c.req.path;
    const quiet = path.startsWith('/api/v1/health') || path === '/metrics';
    const line = { reqId: requestId, method: c.req.method, path, status: c.res.status, ms };
    if (c.res.status >= 500) log.error(line, 'request');
    else if (quiet) log.debug(line, 'request');
    else log.info(line, 'request');
    onFinished?.(c.req.method, c.res.status, ms / 1000);
  };
}
