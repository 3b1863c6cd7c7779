import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from '../../../../contract/zod.ts';
import { sessionResponseSchema, type SessionResponse, type SignInRequest } from '../../../../contract/api.ts';
import { ApiError, apiRequest, setBearerToken, setCsrfToken } from '../../../lib/api-client.ts';
import { sessionKeys } from '../../../lib/query-keys.ts';
import { allowMyAppsSignIn, myAppsSignInAllowedNow, signInThroughMyApps } from './myapps.ts';
import { readStored, writeStored } from '../../../platform/browser-storage.ts';

const signedInHereKey = 'hotdesk.signed-in-here';

/** Remembers, for this tab only, that someone was signed in: only then does the sign-in page say a session ended. */
function rememberSignedIn(signedIn: boolean): void {
  writeStored('session', signedInHereKey, signedIn ? '1' : null);
}

/** Whether this tab had a session before (a first visit does not hear "your session ended"). */
export function hadSessionHere(): boolean {
  return readStored('session', signedInHereKey) === '1';
}

async function currentSession(signal: AbortSignal): Promise<SessionResponse | null> {
  try {
    const session = await apiRequest('/session', { schema: sessionResponseSchema, signal });
    setCsrfToken(session.csrfToken);
    rememberSignedIn(true);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      setBearerToken(null);
      return null;
    }
    throw error;
  }
}

/**
 * The session of this console: the bearer or cookie session it has, else, inside myApps, a new one signed
 * by myApps (also when a myApps session expired: the person never sees a sign-in form there).
 */
async function getSession(signal: AbortSignal): Promise<SessionResponse | null> {
  const session = await currentSession(signal);
  if (session !== null || !myAppsSignInAllowedNow()) return session;
  return signInThroughMyApps(signal);
}

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.all,
    queryFn: ({ signal }) => getSession(signal),
    staleTime: 60_000,
    // An idle console notices an expired session within a minute, not only on the next click.
    refetchInterval: 60_000,
  });

/** The signed-in person, null when signed out, undefined while loading. */
export function useSession() {
  return useQuery(sessionQueryOptions());
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: SignInRequest) =>
      apiRequest('/session', { method: 'POST', body: credentials, schema: sessionResponseSchema }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      rememberSignedIn(true);
      // Whatever the previous person had cached is not for this one.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.all[0] });
      queryClient.setQueryData(sessionKeys.all, session);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('/session', { method: 'DELETE', schema: z.undefined() }),
    onSettled: () => {
      setCsrfToken(null);
      setBearerToken(null);
      rememberSignedIn(false);
      allowMyAppsSignIn(false);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.all[0] });
      queryClient.setQueryData(sessionKeys.all, null);
    },
  });
}

/** Inside myApps, after a sign-out: sign in through myApps again. */
export function useMyAppsSignIn() {
  const queryClient = useQueryClient();
  return () => {
    allowMyAppsSignIn(true);
    void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
  };
}
