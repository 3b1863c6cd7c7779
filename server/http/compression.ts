import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

/**
 * Answers over 1 KB compressed (gzip) for a client that accepts it: the board of 50,000 desks is 14 MB of JSON.
 * Left as they are: event streams (hono's filter skips text/event-stream), what is compressed already (the
 * console's assets, compressed at build time), and an answer tagged with its version (`ETag: "3"`): the tag is
 * what If-Match sends back, and compressing would have to weaken it (`W/"3"`), which If-Match may not carry.
 * Those are single desks, floors and settings, a few hundred bytes.
 */
export function compressAnswers(): MiddlewareHandler {
  const compressor = compress();
  return (c, next) =>
    compressor(c, async () => {
      await next();
      const etag = c.res.headers.get('ETag');
      if (etag !== null && !etag.startsWith('W/')) {
        const cacheControl = c.res.headers.get('Cache-Control');
        c.res.headers.set('Cache-Control', cacheControl ? `${cacheControl}, no-transform` : 'no-transform');
      }
    });
}
