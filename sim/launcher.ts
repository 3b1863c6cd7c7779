import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The launcher's files, read once: a small stand-in for innovaphone's myApps web client. */
const FILES: Record<string, { file: string; type: string }> = {
  '/myapps/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/myapps/launcher.js': { file: 'launcher.js', type: 'text/javascript; charset=utf-8' },
  '/myapps/launcher.css': { file: 'launcher.css', type: 'text/css; charset=utf-8' },
};

const cache = new Map<string, Buffer>();
const read = (file: string) => {
  let bytes = cache.get(file);
  if (!bytes) {
    bytes = readFileSync(new URL(`./launcher/${file}`, import.meta.url));
    cache.set(file, bytes);
  }
  return bytes;
};

/**
 * Serves /myapps/ (GET and HEAD). Apps open in frames from any origin, as in myApps; the page itself runs
 * only its own script and talks only to this PBX.
 */
export function serveLauncher(request: IncomingMessage, response: ServerResponse): boolean {
  const path = new URL(request.url ?? '/', 'http://pbx').pathname;
  if (path === '/myapps') {
    response.writeHead(301, { Location: '/myapps/' }).end();
    return true;
  }
  const entry = FILES[path];
  if (!entry || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  const body = read(entry.file);
  response.writeHead(200, {
    'Content-Type': entry.type,
    'Content-Length': body.byteLength,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-src http: https:; img-src 'self' data:; base-uri 'none'; form-action 'none'",
  });
  response.end(request.method === 'HEAD' ? undefined : body);
  return true;
}
