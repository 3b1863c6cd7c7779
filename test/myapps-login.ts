import { DEMO_APP } from '../sim/demo-company.ts';
import type { PbxSimulator } from '../sim/simulator.ts';
import { DocClient, sha256 } from './doc-client.ts';
import type { Harness } from './service-harness.ts';

/** What the myApps client does for an app: sign in to the PBX, then AppGetLogin for the app's challenge. */
export async function myAppsLogin(simulator: PbxSimulator, username: string, challenge: string, app = DEMO_APP.name) {
  const client = await DocClient.open(simulator.url.replace('/APPS/', '/APPCLIENT/130000/'));
  client.send({ mt: 'Login', type: 'user', userAgent: 'test' });
  const auth = await client.next((message) => message.mt === 'Authenticate');
  const nonce = 'aabbccddeeff0011';
  const response = sha256(
    `innovaphoneAppClient:user:${String(auth.domain)}:${username}:demo:${nonce}:${String(auth.challenge)}`,
  );
  client.send({ mt: 'Login', type: 'user', method: 'digest', username, nonce, response });
  await client.next((message) => message.mt === 'LoginResult');
  const { mt: _mt, src: _src, ...login } = await client.call({ mt: 'AppGetLogin', app, challenge });
  client.close();
  return login;
}

/** Signs `username` in through myApps (challenge, PBX-signed login) and returns the bearer token. */
export async function bearerFor(h: Harness, username: string): Promise<string> {
  const client = h.client();
  const challenge = await client.request('POST', '/session/myapps/challenge');
  const issued = (challenge.body as { challenge: string }).challenge;
  const answer = await client.request('POST', '/session/myapps', {
    body: { ...(await myAppsLogin(h.simulator, username, issued)), challenge: issued },
  });
  if (answer.status !== 200) throw new Error(`myApps sign-in answered ${answer.status}`);
  if (answer.headers.get('set-cookie') !== null) throw new Error('a myApps sign-in must not set a cookie');
  return (answer.body as { token: string }).token;
}
