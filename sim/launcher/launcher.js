// @ts-check
/**
 * A minimal myApps client for the PBX simulator (myApps.htm): sign in with the myApps login (digest over the
 * user's password, never sent), list the apps the user has rights to, open one in a frame, and answer its
 * `getLogin` with AppGetLogin, exactly as innovaphone's myApps client does for an app such as Hotdesk.
 * Plain JavaScript, checked by TypeScript, so the simulator serves it without a build step.
 */

/** @typedef {{ mt: string, src?: string, [key: string]: unknown }} PbxMessage */
/** @typedef {{ name: string, title: string, url: string }} App */

const WEBSOCKET_URL = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/PBX0/APPCLIENT/130000/websocket`;

/** @param {string} id */
function element(id) {
  const found = document.getElementById(id);
  if (!found) throw new Error(`launcher page has no #${id}`);
  return found;
}

const signInForm = /** @type {HTMLFormElement} */ (element('sign-in'));
const signInError = element('sign-in-error');
const workspace = element('workspace');
const appList = element('apps');
const noApps = element('no-apps');
const paneHint = element('pane-hint');
const frame = /** @type {HTMLIFrameElement} */ (element('app-frame'));
const who = element('who');
const signOutButton = /** @type {HTMLButtonElement} */ (element('sign-out'));

/** @param {string} text */
async function sha256(text) {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(hash)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function randomHex(bytes = 8) {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** One myApps connection to the PBX: messages in order, answers matched by `mt` (and `src` where sent). */
class PbxConnection {
  /** @type {{ match: (message: PbxMessage) => boolean, resolve: (message: PbxMessage) => void, reject: (error: Error) => void }[]} */
  waiters = [];
  nextSrc = 1;

  /** @param {WebSocket} socket */
  constructor(socket) {
    this.socket = socket;
    socket.addEventListener('message', (event) => {
      /** @type {PbxMessage} */
      const message = JSON.parse(String(event.data));
      const index = this.waiters.findIndex((waiter) => waiter.match(message));
      if (index >= 0) this.waiters.splice(index, 1)[0]?.resolve(message);
    });
    socket.addEventListener('close', () => {
      for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('The connection to the PBX closed.'));
    });
  }

  /** @returns {Promise<PbxConnection>} */
  static open() {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(WEBSOCKET_URL);
      socket.addEventListener('open', () => resolve(new PbxConnection(socket)), { once: true });
      socket.addEventListener('error', () => reject(new Error('The PBX cannot be reached.')), { once: true });
    });
  }

  /**
   * @param {Record<string, unknown> & { mt: string }} message
   * @param {string} answer
   * @param {boolean} [withSrc]
   * @returns {Promise<PbxMessage>}
   */
  call(message, answer, withSrc = false) {
    const src = withSrc ? `launcher${this.nextSrc++}` : undefined;
    return new Promise((resolve, reject) => {
      this.waiters.push({
        match: (candidate) => candidate.mt === answer && (src === undefined || candidate.src === src),
        resolve,
        reject,
      });
      this.socket.send(JSON.stringify(src === undefined ? message : { ...message, src }));
    });
  }

  close() {
    this.socket.close();
  }
}

/** @type {PbxConnection | null} */
let connection = null;
/** @type {App | null} */
let openApp = null;

/**
 * @param {string} username
 * @param {string} password
 */
async function signIn(username, password) {
  const pbx = await PbxConnection.open();
  const userAgent = 'myApps (PBX simulator launcher)';
  const authenticate = await pbx.call({ mt: 'Login', type: 'user', userAgent }, 'Authenticate');
  const type = String(authenticate.type);
  const domain = String(authenticate.domain);
  const challenge = String(authenticate.challenge);
  const nonce = randomHex();
  const response = await sha256(`innovaphoneAppClient:${type}:${domain}:${username}:${password}:${nonce}:${challenge}`);
  const result = await pbx.call(
    { mt: 'Login', type, method: 'digest', username, nonce, response, userAgent },
    'LoginResult',
  );
  if (result.error !== undefined) {
    pbx.close();
    throw new Error('The user name or password is not correct.');
  }
  // The PBX proves it knows the password too: a client must not trust a LoginResult it cannot verify.
  const expected = await sha256(
    `innovaphoneAppClient:loginresult:${domain}:${username}:${password}:${nonce}:${challenge}:${JSON.stringify(result.info)}`,
  );
  if (result.digest !== expected) {
    pbx.close();
    throw new Error('The PBX could not prove its identity (wrong LoginResult digest).');
  }
  return { pbx, info: /** @type {{ dn?: string, sip?: string }} */ (result.info) };
}

/** @param {App[]} apps */
function showApps(apps) {
  appList.replaceChildren(
    ...apps.map((app) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = app.title || app.name;
      button.addEventListener('click', () => {
        for (const other of appList.querySelectorAll('button')) other.removeAttribute('aria-current');
        button.setAttribute('aria-current', 'page');
        open(app);
      });
      item.append(button);
      return item;
    }),
  );
  noApps.hidden = apps.length > 0;
}

/**
 * Apps open at their App object's URL as configured, with the arguments myApps passes (ExternalAppService.htm:
 * `name`, the App object; innovaphone.lib1.js reads `lang`, `scheme` and `title` too).
 * @param {App} app
 */
function open(app) {
  openApp = app;
  frame.title = app.title || app.name;
  const url = new URL(app.url);
  url.searchParams.set('name', app.name);
  url.searchParams.set('lang', (navigator.language || 'en').slice(0, 2));
  url.searchParams.set('scheme', matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  url.searchParams.set('title', app.title || app.name);
  frame.src = url.toString();
  frame.hidden = false;
  paneHint.hidden = true;
}

/** The app asks for a login (innovaphone.appwebsocket.Connection.js: `getLogin`); the PBX signs one for it. */
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow || typeof event.data !== 'string' || !connection || !openApp) return;
  /** @type {{ mt?: string, app?: string, challenge?: string }} */
  let request;
  try {
    request = JSON.parse(event.data);
  } catch {
    return;
  }
  if (request.mt !== 'getLogin') return;
  const app = openApp;
  void connection
    .call(
      { mt: 'AppGetLogin', app: request.app ?? app.name, challenge: request.challenge ?? '' },
      'AppGetLoginResult',
      true,
    )
    .then((result) => {
      const { src: _src, mt: _mt, ...login } = result;
      frame.contentWindow?.postMessage(JSON.stringify({ ...login, mt: 'Login' }), new URL(app.url).origin);
    });
});

signInForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(signInForm);
  signInError.textContent = '';
  const submit = /** @type {HTMLButtonElement} */ (signInForm.querySelector('button[type="submit"]'));
  submit.disabled = true;
  signIn(String(data.get('username') ?? '').trim(), String(data.get('password') ?? ''))
    .then(async ({ pbx, info }) => {
      connection = pbx;
      const update = await pbx.call({ mt: 'SubscribeApps' }, 'UpdateApps');
      showApps(/** @type {App[]} */ (update.apps ?? []));
      who.textContent = info.dn ?? info.sip ?? '';
      signInForm.hidden = true;
      workspace.hidden = false;
      signOutButton.hidden = false;
    })
    .catch((/** @type {Error} */ error) => {
      signInError.textContent = error.message;
    })
    .finally(() => {
      submit.disabled = false;
    });
});

signOutButton.addEventListener('click', () => {
  connection?.close();
  connection = null;
  openApp = null;
  frame.removeAttribute('src');
  frame.hidden = true;
  paneHint.hidden = false;
  workspace.hidden = true;
  signInForm.hidden = false;
  signOutButton.hidden = true;
  who.textContent = '';
});
