import type { MiddlewareHandler } from 'hono';

/**
 * No inline script or style, nothing from other origins, framed only by the myApps client. React sets
 * styles through the CSSOM, which `style-src 'self'` allows.
 */
export const contentSecurityPolicy = (frameAncestors: readonly string[]) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length === 0 ? "'none'" : frameAncestors.join(' ')}`,
  ].join('; ');

/**
 * X-Frame-Options cannot name the myApps client, so it is left out: every browser that runs the console
 * honours frame-ancestors, which supersedes it.
 */
export const securityHeaders = (frameAncestors: readonly string[]): MiddlewareHandler => {
  const policy = contentSecurityPolicy(frameAncestors);
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', policy);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
  };
};
