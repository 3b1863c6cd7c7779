import { createHash, randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { appLoginDigest } from '../server/pbx/digest.ts';
import { simError, type SimErrorKind } from './sim-errors.ts';
import type { SimObject } from './sim-objects.ts';

/** The subset of myApps.htm a myApps client needs to sign in and open an app signed in. */
export const MYAPPS_PATH = /^\/PBX0\/APPCLIENT\/\d+\/websocket$/;
export const SIM_BUILD = '130000';

export interface MyAppsDirectory {
  domain: string;
  /** A user (or executive) object by its SIP name, with or without `@domain`. */
  findUser(sip: string): SimObject | undefined;
  /** The App objects this user has rights to, in the order of the user's `apps`. */
  appsFor(user: SimObject): SimObject[];
}

type Message = Record<string, unknown> & { mt: string };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** `https://host/path/hotdesk.htm?x` → `hotdesk`: the name of the file the URL loads, without `.htm`. */
export function appFileName(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split(/[?#]/)[0] ?? '';
  }
  const file =
    path
      .split('/')
      .filter((part) => part !== '')
      .at(-1) ?? '';
  return decodeURIComponent(file).replace(/\.html?$/i, '');
}

/** The App object as UpdateApps lists it (myApps.htm, App). */
function appEntry(app: SimObject): Record<string, unknown> {
  return { name: app.h323, title: app.dn || app.cn, text: '', url: str(app.pseudo?.url), info: {} };
}

/**
 * One myApps client connection: Login → Authenticate → Login with the digest response → LoginResult with
 * the PBX's own digest; SubscribeApps → UpdateApps; AppGetLogin → AppGetLoginResult, signed with the App
 * object's password (the secret the App object shares with the app's service).
 */
export function serveMyAppsClient(socket: WebSocket, directory: MyAppsDirectory): void {
  let challenge: string | null = null;
  let user: SimObject | null = null;

  const send = (message: Record<string, unknown>) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const refuse = (request: Message, kind: SimErrorKind, text: string) =>
    send({
      ...simError(`${request.mt}Result`, kind, text),
      ...(request.src === undefined ? {} : { src: request.src }),
    });

  const login = (message: Message) => {
    const type = str(message.type) || 'user';
    if (message.username === undefined) {
      challenge = randomBytes(8).toString('hex');
      send({ mt: 'Authenticate', type, method: 'digest', domain: directory.domain, challenge });
      return;
    }
    const used = challenge;
    challenge = null;
    const username = str(message.username);
    const nonce = str(message.nonce);
    const candidate = type === 'user' ? directory.findUser(username) : undefined;
    const expected =
      candidate &&
      used !== null &&
      sha256(`innovaphoneAppClient:${type}:${directory.domain}:${username}:${candidate.password}:${nonce}:${used}`);
    if (!candidate || used === null || str(message.method) !== 'digest' || str(message.response) !== expected) {
      send(simError('LoginResult', 'loginFailed', 'Login failed'));
      return;
    }
    user = candidate;
    const person = {
      domain: directory.domain,
      sip: candidate.h323,
      guid: candidate.guid,
      dn: candidate.dn || candidate.cn,
      num: candidate.e164,
      email: '',
    };
    // myApps.htm documents the Info fields flat; innovaphone's PHP client reads them under `user`. Both.
    const info = { ...person, user: person };
    const digest = sha256(
      `innovaphoneAppClient:loginresult:${directory.domain}:${username}:${candidate.password}:${nonce}:${used}:${JSON.stringify(info)}`,
    );
    send({ mt: 'LoginResult', info, digest });
    send({ mt: 'UpdateUser', user: person });
  };

  const appGetLogin = (message: Message, signedIn: SimObject) => {
    const name = str(message.app);
    const apps = directory.appsFor(signedIn);
    const app = apps.find((candidate) => candidate.h323.toLowerCase() === name.toLowerCase());
    if (!app) {
      refuse(message, 'notGranted', `${signedIn.h323} has no rights to the app ${name}`);
      return;
    }
    const appChallenge = str(message.challenge);
    const appUrl = str(app.pseudo?.url);
    const identity = {
      // The file name of the App object's URL, not the App object (AppWebsocket.htm example 4, ExternalAppService.htm).
      app: appFileName(appUrl) || app.h323,
      domain: directory.domain,
      sip: signedIn.h323,
      guid: signedIn.guid,
      dn: signedIn.dn || signedIn.cn,
      info: {
        appobj: app.h323,
        appdn: app.dn || app.cn,
        appurl: appUrl,
        cn: signedIn.cn,
        apps: apps.map((entry) => ({ name: entry.h323 })),
      },
    };
    send({
      mt: 'AppGetLoginResult',
      ...(message.src === undefined ? {} : { src: message.src }),
      ...identity,
      pbxObj: app.h323,
      digest: appLoginDigest(identity, appChallenge, app.password),
      salt: randomBytes(8).toString('hex'),
      // Unverified: the key as the SDK's own password login derives it (Connection.js passwordLogin).
      key: sha256(`innovaphoneAppSessionKey:${appChallenge}:${app.password}`),
    });
  };

  socket.on('message', (data) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(data));
    } catch {
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || typeof (parsed as Message).mt !== 'string') return;
    const message = parsed as Message;
    switch (message.mt) {
      case 'CheckBuild':
        send({ mt: 'CheckBuildResult', build: SIM_BUILD });
        return;
      case 'Login':
        login(message);
        return;
      case 'Logout':
        user = null;
        send({ mt: 'LogoutResult' });
        return;
      case 'KeepAlive':
        send({ mt: 'KeepAliveResult' });
        return;
    }
    if (!user) {
      refuse(message, 'notLoggedIn', 'not logged in');
      return;
    }
    switch (message.mt) {
      case 'SubscribeApps':
        send({ mt: 'UpdateApps', apps: directory.appsFor(user).map(appEntry), deviceApps: [], selected: '' });
        return;
      case 'AppGetLogin':
        appGetLogin(message, user);
        return;
      default:
        refuse(message, 'unsupported', `${message.mt} is not supported by the simulator`);
    }
  });
}
