import { CSRF_HEADER } from '../contract/api.ts';

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A tiny browser stand-in for tests: one cookie jar, the CSRF token remembered from sign-in. */
export class TestClient {
  private cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; csrf?: boolean } = {},
  ): Promise<ApiAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.cookie !== null) headers.Cookie = this.cookie;
    if (options.csrf !== false && this.csrfToken !== null && method !== 'GET') headers[CSRF_HEADER] = this.csrfToken;
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie !== null) {
      const pair = setCookie.split(';')[0] ?? '';
      this.cookie = pair.endsWith('=') || /max-age=0/i.test(setCookie) ? null : pair;
    }
    const text = await response.text();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    return { status: response.status, headers: response.headers, body };
  }

  /** A raw body (a CSV file, an image) sent with this client's cookie and CSRF token; the Response as is. */
  upload(
    method: string,
    path: string,
    body: string | Uint8Array<ArrayBuffer>,
    contentType: string,
    headers: Record<string, string> = {},
  ) {
    return fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...headers,
        'Content-Type': contentType,
        ...(this.cookie === null ? {} : { Cookie: this.cookie }),
        ...(this.csrfToken === null ? {} : { [CSRF_HEADER]: this.csrfToken }),
      },
      body,
    });
  }

  async signIn(username: string, password: string): Promise<ApiAnswer> {
    const answer = await this.request('POST', '/session', { body: { username, password } });
    const token = (answer.body as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof token === 'string') this.csrfToken = token;
    return answer;
  }

  /** The same browser (cookie and token) talking to another address, e.g. after a restart. */
  at(baseUrl: string): TestClient {
    const moved = new TestClient(baseUrl);
    moved.cookie = this.cookie;
    moved.csrfToken = this.csrfToken;
    return moved;
  }

  /** The Cookie header this client would send, for requests made without it (binary bodies, streams). */
  cookieHeader(): string {
    return this.cookie ?? '';
  }

  get hasCookie(): boolean {
    return this.cookie !== null;
  }
}
