import { i18n } from '@lingui/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from '../../contract/zod.ts';
import en from 'virtual:catalog/en/first-screen';
import { ApiError, apiRequest, REQUEST_TIMEOUT_MS } from './api-client.ts';

beforeEach(() => {
  i18n.loadAndActivate({ locale: 'en', messages: en });
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A service that never answers: fetch waits until the request is aborted. */
function hangingFetch() {
  return vi.fn(
    (_url: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      }),
  );
}

describe('the API client', () => {
  it('gives up after 10 s with a message instead of waiting for ever', async () => {
    vi.stubGlobal('fetch', hangingFetch());
    const request = apiRequest('/health', { schema: z.unknown() });
    const outcome = request.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1);
    let settled = false;
    void outcome.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'timeout',
      message: 'The Hotdesk service did not answer within 10 seconds. Check your connection and try again.',
    });
  });

  it('still lets the caller cancel (a query that is no longer needed) without calling it a timeout', async () => {
    vi.stubGlobal('fetch', hangingFetch());
    const controller = new AbortController();
    const outcome = apiRequest('/health', { schema: z.unknown(), signal: controller.signal }).catch(
      (error: unknown) => error,
    );
    controller.abort();
    expect(await outcome).toMatchObject({ name: 'AbortError' });
  });

  it('asks the service for messages in the console’s language', async () => {
    const fetch = vi.fn(() => Promise.resolve(new Response('{}', { status: 200 })));
    vi.stubGlobal('fetch', fetch);
    i18n.loadAndActivate({ locale: 'de', messages: {} });
    await apiRequest('/health', { schema: z.unknown() });
    expect(fetch).toHaveBeenCalledWith(
      '/api/v1/health',
      expect.objectContaining({ headers: expect.objectContaining({ 'Accept-Language': 'de' }) }),
    );
  });
});
