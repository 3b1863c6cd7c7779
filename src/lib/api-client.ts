import type { z } from '../../contract/zod.ts';
import { CSRF_HEADER, errorResponseSchema } from '../../contract/api.ts';
import { i18n, translate } from '../i18n/i18n.ts';

/** A request still unanswered after this long gives up with a message instead of spinning. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** Every failed API call ends up as one of these (registered as TanStack Query's default error). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly retryAfterSeconds: number | null = null,
    /** The rest of the error body (e.g. `current` in a version conflict), unparsed. */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let bearerToken: string | null = null;

/** The token of the current session, sent on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Inside myApps the console is a cross-site frame that gets no cookie: its session is a bearer token,
 * held in memory only (a reload signs in through myApps again).
 */
export function setBearerToken(token: string | null): void {
  bearerToken = token;
}

export function hasBearerToken(): boolean {
  return bearerToken !== null;
}

/** The headers that authenticate a request made outside apiRequest (streams, images, downloads). */
export function authHeaders(): Record<string, string> {
  return bearerToken === null ? {} : { Authorization: `Bearer ${bearerToken}` };
}

interface RequestOptions<Schema extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON-encoded, unless it is a Blob (sent as it is, e.g. a floor plan image). */
  body?: unknown;
  schema: Schema;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string>;
  /** How long to wait for the answer; longer only for work that is known to take long (a big import). */
  timeoutMs?: number;
}

/**
 * Calls `/api/v1<path>` and parses the answer with `schema`. No toasts, no redirects: callers and the
 * query cache decide what an error means for the person using the console.
 */
export async function apiRequest<Schema extends z.ZodType>(
  path: string,
  {
    method = 'GET',
    body,
    schema,
    signal,
    headers: extraHeaders,
    timeoutMs = REQUEST_TIMEOUT_MS,
  }: RequestOptions<Schema>,
): Promise<z.infer<Schema>> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    // The service writes its error messages in the console's language.
    'Accept-Language': i18n.locale,
    ...authHeaders(),
    ...extraHeaders,
  };
  const isBlob = typeof Blob !== 'undefined' && body instanceof Blob;
  if (body !== undefined && !isBlob) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null && bearerToken === null) headers[CSRF_HEADER] = csrfToken;
  // The caller's signal (a query being cancelled) and the timeout both end the request.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const forward = () => controller.abort();
  if (signal?.aborted) controller.abort();
  signal?.addEventListener('abort', forward);
  let response: Response;
  let text: string;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: isBlob ? body : JSON.stringify(body) }),
      signal: controller.signal,
    });
    text = await response.text();
  } catch (error) {
    if (timedOut)
      throw new ApiError(0, 'timeout', translate('error.timeout', { seconds: Math.round(timeoutMs / 1000) }));
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', translate('error.network'));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
  const json: unknown = text === '' ? undefined : safeJson(text);
  if (!response.ok) {
    const parsed = errorResponseSchema.safeParse(json);
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ApiError(
      response.status,
      parsed.success ? parsed.data.error.code : 'http_error',
      parsed.success ? parsed.data.error.message : translate('error.status', { status: response.status }),
      parsed.success ? (parsed.data.error.fields ?? {}) : {},
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
      typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {},
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(response.status, 'bad_response', translate('error.badResponse'));
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
