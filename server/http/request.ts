import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { forwarded } from './session-middleware.ts';
import type { z } from 'zod';
import { HttpError } from './http-error.ts';
import type { Message } from '../lib/text.ts';
import { msg } from '../../i18n/message.ts';

/** No request of this API nests deeper than a few levels; far deeper input is refused before anything recurses. */
export const MAX_JSON_DEPTH = 32;

/** How deeply `text`'s arrays and objects nest, counted without recursion (brackets inside strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 92)
        index += 1; // a backslash escapes the next character
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 || char === 91) deepest = Math.max(deepest, ++depth);
    else if (char === 125 || char === 93) depth -= 1;
  }
  return deepest;
}

/** Parses the JSON body with `schema`; 400 naming every field at fault. */
export async function parseJson<Schema extends z.ZodType>(c: Context, schema: Schema): Promise<z.output<Schema>> {
  let body: unknown;
  const text = await c.req.text();
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    throw new HttpError(
      400,
      'bad_request',
      msg('api.request.requestBodyNestsDeeper', { maxJsonDepth: MAX_JSON_DEPTH }),
    );
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad_request', msg('api.request.requestBodyMustJson'));
  }
  return parseWith(schema, body, msg('api.request.someFieldsMissingInvalid'));
}

/**
 * The path of the first string holding a NUL character, or null. No text a person types holds one, and
 * PostgreSQL cannot store it: such input is refused as input, before it reaches any query.
 */
function nulPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '_' : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = key.includes('\u0000') ? [...path, key].join('.') : nulPath(item, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

export function parseWith<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  message: string | Message,
): z.output<Schema> {
  const nul = nulPath(value);
  if (nul !== null)
    throw new HttpError(400, 'bad_request', message, {
      [nul]: msg('api.request.mustContainNulCharacter'),
    });
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.') || '_';
      fields[key] ??= issue.message;
    }
    throw new HttpError(400, 'bad_request', message, fields);
  }
  return parsed.data;
}

/** `If-Match: "3"` (or `W/"3"`, or `3`): the version the change is based on. 428 when missing. */
export function expectedVersion(c: Context): number {
  const header = c.req.header('if-match');
  if (header === undefined) {
    throw new HttpError(428, 'precondition_required', msg('api.request.sendVersionChangingIf'));
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw new HttpError(400, 'bad_request', msg('api.request.ifMatchMustVersion'));
  return Number(match[1]);
}

export const etag = (version: number) => `"${version}"`;

/** The client's address: the socket's, or behind `trustProxy` proxies what the nearest of them saw. */
export function clientAddress(c: Context, trustProxy: number): string {
  const proxied = forwarded(c, 'x-forwarded-for', trustProxy);
  if (proxied !== null) return proxied;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
