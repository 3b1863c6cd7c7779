import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Hono's secure-headers with the console's policy: no inline script or style, nothing from other origins, framed
 * only by the myApps client (React sets styles through the CSSOM, which `style-src 'self'` allows). X-Frame-Options
 * cannot name the myApps client, so it is left out: every browser that runs the console honours frame-ancestors,
 * which supersedes it. Strict-Transport-Security is the TLS proxy's to send (it knows the host names it serves).
 * Answers of the API are never cached.
 */
export const securityHeaders = (frameAncestors: readonly string[]): MiddlewareHandler => {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: frameAncestors.length === 0 ? ["'none'"] : [...frameAncestors],
    },
    xFrameOptions: false,
    strictTransportSecurity: false,
    referrerPolicy: 'no-referrer',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
  return (c, next) =>
    headers(c, async () => {
      await next();
      if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
    });
};
