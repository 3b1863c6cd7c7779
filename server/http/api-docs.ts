import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Env, Hono } from 'hono';

/**
 * GET /api/docs: the OpenAPI document read by Swagger UI (swagger-ui-dist), served from this service: no other
 * origin, and no inline script or style, so the Content-Security-Policy stays as strict as the console's.
 */
const DIST = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Hotdesk API</title>
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <main id="docs"></main>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/start.js"></script>
  </body>
</html>
`;

const START = `window.addEventListener('load', () => {
  window.SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#docs', deepLinking: true, tryItOutEnabled: false });
});
`;

const FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

export function serveApiDocs<E extends Env>(app: Hono<E>): void {
  app.get('/api/docs', (c) => c.html(PAGE));
  app.get('/api/docs/start.js', (c) => c.body(START, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/api/docs/:file', async (c) => {
    const file = c.req.param('file');
    const type = FILES[file];
    if (type === undefined) return c.notFound();
    return c.body(await readFile(join(DIST, file)), 200, { 'Content-Type': type });
  });
}
