import { useEffect, useState } from 'react';
import { authHeaders, hasBearerToken } from './api-client.ts';
import { translate } from '../i18n/i18n.ts';

async function fetchBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  const response = await fetch(path, { headers: authHeaders(), ...(signal ? { signal } : {}) });
  if (!response.ok) throw new Error(translate('error.status', { status: response.status }));
  return response.blob();
}

/**
 * A URL an <img> or <image> can show. With a cookie session that is the API path itself; with a bearer
 * session (inside myApps) the browser cannot send the token, so the image is fetched and shown from memory.
 * null while loading or when there is nothing to show.
 */
export function useResourceUrl(path: string | null): string | null {
  const bearer = hasBearerToken();
  const [objectUrl, setObjectUrl] = useState<{ path: string; url: string } | null>(null);
  useEffect(() => {
    if (!bearer || path === null) return;
    const controller = new AbortController();
    let created: string | null = null;
    fetchBlob(path, controller.signal).then(
      (blob) => {
        created = URL.createObjectURL(blob);
        setObjectUrl({ path, url: created });
      },
      () => setObjectUrl(null),
    );
    return () => {
      controller.abort();
      if (created !== null) URL.revokeObjectURL(created);
    };
  }, [bearer, path]);
  if (!bearer) return path;
  return objectUrl !== null && objectUrl.path === path ? objectUrl.url : null;
}

/**
 * A download link's click with a bearer session: fetch the file with the token and save it. With a cookie
 * session the link works by itself and this does nothing.
 */
export function downloadWithBearer(event: { preventDefault(): void }, path: string, fileName: string): void {
  if (!hasBearerToken()) return;
  event.preventDefault();
  void fetchBlob(path).then((blob) => {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
}
