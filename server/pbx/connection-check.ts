// Over 400 lines on purpose: the installer's checks, one function each, read top to bottom in the order they
// run and report (TLS, login, grants, PBXs, replication, RCC, liveness, myApps, write test); split, the order is lost.
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { AppWebsocketConnection, PbxLoginRefusedError, PbxRequestError, type AppMessage } from './app-websocket.ts';
import { readLocations } from './owned-objects.ts';
import { asDevices, pseudoTypeOf } from './user-replica.ts';
import { displayUrl } from './pbx-link.ts';
import { type PbxCheckItem, type PbxCheckReport } from '../../contract/pbx-check.ts';

export interface PbxCheckOptions {
  url: string;
  app: string;
  password: string;
  /** The slave PBXs of the system: each is checked for TLS, login and RCC too. */
  slaveUrls?: string[];
  /** Where the console is reached (PUBLIC_URL): the App object's URL should point there. */
  publicUrl?: string;
  /** Extra certificates to trust (PEM), to try an internal CA before setting NODE_EXTRA_CA_CERTS. */
  ca?: string;
  /** The cn of an object the installer names: its device list is read and written back unchanged. */
  writeTest?: string;
  timeoutMs?: number;
}

type Item = PbxCheckItem;

/** TLS errors Node reports for a certificate it cannot trust. */
const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

/**
 * Read-only checks against a PBX, in the order an installer fixes things: the address, TLS, the App object's
 * login, each API it is granted, what replication and RCC show, the PBXs of the system, KeepAlive, the device
 * fields, and the myApps URL the PBX will sign. Writes only with `writeTest` (the named object's device list,
 * written back as it was). The report is for people (formatReport) and tools (JSON).
 */
export async function checkPbx(options: PbxCheckOptions): Promise<PbxCheckReport> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const items: Item[] = [];
  const facts: PbxCheckReport['facts'] = { pbxs: [], deviceFields: [] };
  const report = (): PbxCheckReport => ({
    checkedAt: new Date().toISOString(),
    url: displayUrl(options.url),
    app: options.app,
    ok: items.every((item) => item.status !== 'failed'),
    items,
    facts,
  });
  const connection = await reach(options.url, options, timeoutMs, items, 'master');
  if (!connection) return report();
  if (Object.keys(connection.loginResult).length > 0) facts.login = connection.loginResult;
  try {
    await checkApis(connection, options, items, facts);
    await checkKeepAlive(connection, items, facts);
    await checkMyApps(connection, options, items, facts);
    if (options.writeTest !== undefined) await writeTest(connection, options.writeTest, items);
  } finally {
    connection.close();
  }
  for (const slave of options.slaveUrls ?? []) {
    const link = await reach(slave, options, timeoutMs, items, `slave ${displayUrl(slave)}`);
    if (!link) continue;
    try {
      await checkRcc(link, items, facts, `slave ${displayUrl(slave)}`);
    } finally {
      link.close();
    }
  }
  return report();
}

/** Address, TLS and App-object login; the logged-in connection, or null (with the reason in `items`). */
async function reach(
  url: string,
  options: PbxCheckOptions,
  timeoutMs: number,
  items: Item[],
  which: string,
): Promise<AppWebsocketConnection | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    items.push(failed('address', `${which}: ${url} is not an address`, 'Use wss://<pbx>/PBX0/APPS/websocket.'));
    return null;
  }
  if (parsed.protocol !== 'wss:' && parsed.protocol !== 'ws:') {
    items.push(
      failed('address', `${which}: ${url} is not a WebSocket address`, 'Use wss://<pbx>/PBX0/APPS/websocket.'),
    );
    return null;
  }
  if (!/\/PBX\d+\/APPS\/websocket$/.test(parsed.pathname))
    items.push(
      warning(
        'address',
        `${which}: the path ${parsed.pathname} is not /PBX0/APPS/websocket`,
        'innovaphone serves App-object connections at /PBX0/APPS/websocket.',
      ),
    );
  if (parsed.protocol === 'ws:')
    items.push(
      warning(
        'tls',
        `${which}: plain ws:// — the App object's password is hashed, but everything else travels unencrypted`,
        'Use wss:// outside a lab.',
      ),
    );
  else if (!(await checkTls(parsed, options.ca, timeoutMs, items, which))) return null;
  try {
    const connection = await AppWebsocketConnection.open(
      url,
      { app: options.app, domain: '', sip: '', guid: '', dn: '' },
      options.password,
      { timeoutMs, ...(options.ca === undefined ? {} : { ca: options.ca }) },
    );
    items.push(ok('login', `${which}: logged in as the App object ${options.app}`));
    return connection;
  } catch (error) {
    if (error instanceof PbxLoginRefusedError)
      items.push(
        failed(
          'login',
          `${which}: the PBX refused the App object's login`,
          `Check that an App object named ${options.app} exists (PBX_APP) and that its password is PBX_PASSWORD.`,
        ),
      );
    else
      items.push(
        failed('connect', `${which}: ${message(error)}`, 'Check the address, the firewall and that the PBX runs.'),
      );
    return null;
  }
}

async function checkTls(
  url: URL,
  ca: string | undefined,
  timeoutMs: number,
  items: Item[],
  which: string,
): Promise<boolean> {
  const port = Number(url.port || 443);
  const attempt = (rejectUnauthorized: boolean) =>
    new Promise<{ certificate: PeerCertificate | null; error: NodeJS.ErrnoException | null }>((resolve) => {
      const socket = tlsConnect({
        host: url.hostname,
        port,
        servername: url.hostname,
        rejectUnauthorized,
        timeout: timeoutMs,
        ...(ca === undefined ? {} : { ca }),
      });
      const finish = (error: NodeJS.ErrnoException | null) => {
        const certificate = error ? null : socket.getPeerCertificate();
        socket.destroy();
        resolve({ certificate, error });
      };
      socket.once('secureConnect', () => finish(null));
      socket.once('error', (error: NodeJS.ErrnoException) => finish(error));
      socket.once('timeout', () => finish(Object.assign(new Error('no TLS answer in time'), { code: 'ETIMEDOUT' })));
    });
  const trusted = await attempt(true);
  if (trusted.error === null) {
    items.push(ok('tls', `${which}: certificate trusted (${describe(trusted.certificate)})`));
    return true;
  }
  const code = trusted.error.code ?? '';
  if (UNTRUSTED.has(code) || code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'CERT_HAS_EXPIRED') {
    const seen = await attempt(false);
    const certificate = seen.certificate ? describe(seen.certificate) : 'unreadable';
    const fix =
      code === 'ERR_TLS_CERT_ALTNAME_INVALID'
        ? `The certificate does not name ${url.hostname}: use the name it was issued for in PBX_URL, or issue one for this name.`
        : code === 'CERT_HAS_EXPIRED'
          ? 'Renew the PBX certificate.'
          : "Trust the CA that issued the PBX certificate: NODE_EXTRA_CA_CERTS=/path/to/ca.pem (PEM) in the service's environment; in the container, mount the file and set the variable.";
    items.push(failed('tls', `${which}: certificate not trusted (${code}; ${certificate})`, fix));
    return false;
  }
  items.push(failed('connect', `${which}: ${trusted.error.message}`, 'Check the address, the port and the firewall.'));
  return false;
}

/** Which APIs the App object is granted, and what they show: replication (users, device fields) and RCC. */
async function checkApis(
  connection: AppWebsocketConnection,
  options: PbxCheckOptions,
  items: Item[],
  facts: PbxCheckReport['facts'],
): Promise<void> {
  const admin = await tryRequest(connection, 'PbxAdminApi', 'GetPbxConfig', {});
  if (admin.ok) {
    items.push(ok('PbxAdminApi', `granted; this PBX is ${String(admin.message.loc ?? '?')}`));
    if (typeof admin.message.loc === 'string') facts.pbxName = admin.message.loc;
    const pbxs = await readLocations((mt) => connection.request('PbxAdminApi', mt)).catch(() => []);
    facts.pbxs = pbxs;
    const slaves = pbxs.filter((name) => name !== facts.pbxName);
    const configured = options.slaveUrls?.length ?? 0;
    if (slaves.length > configured)
      items.push(
        warning(
          'pbxs',
          `the system has ${pbxs.length} PBXs (${pbxs.join(', ')}); ${configured} slave address(es) configured`,
          "Phones register at their site's PBX: set PBX_SLAVE_URLS to every slave's wss://…/PBX0/APPS/websocket, or calls and registrations there go unseen.",
        ),
      );
    else items.push(ok('pbxs', `PBXs of the system: ${pbxs.join(', ') || facts.pbxName || '?'}`));
  } else items.push(grantProblem('PbxAdminApi', admin.error, 'Admin'));
  await checkReplication(connection, items, facts);
  await checkRcc(connection, items, facts, 'master');
}

async function checkReplication(connection: AppWebsocketConnection, items: Item[], facts: PbxCheckReport['facts']) {
  const columns = { guid: {}, h323: {}, cn: {}, pseudo: {}, devices: {} };
  const start = await tryRequest(connection, 'PbxTableUsers', 'ReplicateStart', { add: false, del: false, columns });
  if (!start.ok) {
    items.push(grantProblem('PbxTableUsers', start.error, 'TableUsers'));
    return;
  }
  let users = 0;
  const fields = new Set<string>();
  const types = new Set<string>();
  for (;;) {
    const next = await connection.request('PbxTableUsers', 'ReplicateNext');
    const row = next.columns as Record<string, unknown> | undefined;
    if (typeof row !== 'object' || row === null) break;
    users += 1;
    types.add(pseudoTypeOf(row.pseudo) || 'user');
    for (const device of asDevices(row.devices)) for (const field of Object.keys(device)) fields.add(field);
  }
  facts.users = users;
  facts.deviceFields = [...fields].sort();
  items.push(
    users > 0
      ? ok('PbxTableUsers', `granted; ${users} objects replicated (${[...types].sort().join(', ')})`)
      : warning(
          'PbxTableUsers',
          'granted, but no user was replicated',
          "Check that the App object may see users (its access in the users' Apps tab).",
        ),
  );
}

async function checkRcc(
  connection: AppWebsocketConnection,
  items: Item[],
  facts: PbxCheckReport['facts'],
  which: string,
) {
  let users = 0;
  let registered = 0;
  try {
    // The PBX sends 50 users per 20 ms: 50,000 users take 20 s.
    await connection.requestWithIndications(
      'RCC',
      'Initialize',
      { calls: true },
      (info: AppMessage) => {
        if (info.mt !== 'UserInfo') return;
        users += 1;
        if (asDevices(info.regs).length > 0) registered += 1;
      },
      120_000,
    );
  } catch (error) {
    items.push(grantProblem(`RCC (${which})`, error, 'RCC'));
    return;
  }
  facts.registrations = (facts.registrations ?? 0) + registered;
  items.push(
    users > 0
      ? ok(`RCC (${which})`, `granted; ${users} users visible, ${registered} with a registered device; calls watched`)
      : warning(
          `RCC (${which})`,
          'granted, but no user is visible',
          'RCC shows only users who have this App object in their Apps: give the employees access to it.',
        ),
  );
}

/** KeepAlive has no documented answer: either way is fine, the report says which this PBX does. */
async function checkKeepAlive(connection: AppWebsocketConnection, items: Item[], facts: PbxCheckReport['facts']) {
  const answered = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(false);
    }, 1500);
    const stop = connection.onMessage((message) => {
      if (message.mt !== 'KeepAliveResult') return;
      clearTimeout(timer);
      stop();
      resolve(true);
    });
    connection.sendKeepAlive();
  });
  facts.keepAliveAnswered = answered;
  const sentAt = Date.now();
  connection.ping();
  const pong = await new Promise<boolean>((resolve) => {
    const poll = setInterval(() => {
      if (connection.lastHeardAt >= sentAt) finish(true);
    }, 20);
    const timer = setTimeout(() => finish(false), 2000);
    function finish(result: boolean) {
      clearInterval(poll);
      clearTimeout(timer);
      resolve(result);
    }
  });
  items.push(
    pong
      ? ok(
          'liveness',
          `answers WebSocket pings; KeepAlive ${answered ? 'answered with KeepAliveResult' : 'not answered (as documented)'}`,
        )
      : warning(
          'liveness',
          'no pong to a WebSocket ping within 2 s',
          'A proxy between the service and the PBX may swallow pings; the service would report the PBX as not answering.',
        ),
  );
}

/** The App object's URL and the `app` name the PBX will sign for myApps (the URL's file name). */
async function checkMyApps(
  connection: AppWebsocketConnection,
  options: PbxCheckOptions,
  items: Item[],
  facts: PbxCheckReport['facts'],
) {
  const object = await tryRequest(connection, 'PbxAdminApi', 'GetObject', { h323: options.app });
  if (!object.ok) {
    items.push(skipped('myapps', 'the App object could not be read (PbxAdminApi needed)'));
    return;
  }
  const pseudo = object.message.pseudo;
  const url =
    typeof pseudo === 'object' && pseudo !== null && typeof (pseudo as { url?: unknown }).url === 'string'
      ? (pseudo as { url: string }).url
      : typeof object.message.url === 'string'
        ? object.message.url
        : '';
  if (url === '') {
    items.push(
      warning(
        'myapps',
        'the App object has no URL',
        "Set the App object's URL to <PUBLIC_URL>/myapps so that myApps opens the console.",
      ),
    );
    return;
  }
  const file =
    url
      .replace(/[?#].*$/, '')
      .split('/')
      .filter(Boolean)
      .at(-1)
      ?.replace(/\.html?$/i, '') ?? '';
  facts.myAppsUrl = url;
  facts.myAppsApp = file;
  const problems: string[] = [];
  if (!url.startsWith('https://')) problems.push('myApps needs the app over https');
  if (options.publicUrl !== undefined && !url.startsWith(options.publicUrl))
    problems.push(`it is not under PUBLIC_URL (${options.publicUrl})`);
  items.push(
    problems.length === 0
      ? ok('myapps', `myApps opens ${url}; the PBX will sign logins as app "${file}" for the App object ${options.app}`)
      : warning(
          'myapps',
          `myApps opens ${url} (signed as app "${file}"): ${problems.join('; ')}`,
          "Set the App object's URL to <PUBLIC_URL>/myapps.",
        ),
  );
}

/** Reads one object's device list and writes it back unchanged: proves UpdateObject works, changes nothing. */
async function writeTest(connection: AppWebsocketConnection, cn: string, items: Item[]) {
  const object = await tryRequest(connection, 'PbxAdminApi', 'GetObject', { cn });
  if (!object.ok || typeof object.message.guid !== 'string') {
    items.push(
      failed(
        'write',
        `the object ${cn} could not be read: ${message(object.ok ? 'no guid' : object.error)}`,
        'Name an existing object (its Long Name).',
      ),
    );
    return;
  }
  const written = await tryRequest(connection, 'PbxAdminApi', 'UpdateObject', {
    guid: object.message.guid,
    devices: asDevices(object.message.devices),
  });
  items.push(
    written.ok
      ? ok('write', `wrote ${cn}'s device list back unchanged`)
      : failed(
          'write',
          `the PBX refused to write ${cn}'s device list: ${message(written.error)}`,
          "Check the App object's Admin grant.",
        ),
  );
}

type Attempt = { ok: true; message: AppMessage } | { ok: false; error: unknown };

async function tryRequest(
  connection: AppWebsocketConnection,
  api: string,
  mt: string,
  body: Record<string, unknown>,
): Promise<Attempt> {
  try {
    return { ok: true, message: await connection.request(api, mt, body) };
  } catch (error) {
    return { ok: false, error };
  }
}

function grantProblem(api: string, error: unknown, box: string): Item {
  const fix = `Tick "${box}" under "Grant access to APIs" on the App object.`;
  return error instanceof PbxRequestError
    ? failed(api, `not granted or refused: ${error.message}`, fix)
    : failed(api, message(error), fix);
}

function describe(certificate: PeerCertificate | null): string {
  if (!certificate || Object.keys(certificate).length === 0) return 'no certificate';
  const subject = certificate.subject?.CN ?? '?';
  const issuer = certificate.issuer?.CN ?? certificate.issuer?.O ?? '?';
  return `issued to ${String(subject)} by ${String(issuer)}, valid until ${certificate.valid_to}`;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const ok = (id: string, detail: string): Item => ({ id, status: 'ok', detail });
const skipped = (id: string, detail: string): Item => ({ id, status: 'skipped', detail });
const warning = (id: string, detail: string, fix: string): Item => ({ id, status: 'warning', detail, fix });
const failed = (id: string, detail: string, fix: string): Item => ({ id, status: 'failed', detail, fix });

/** The report as text an installer reads and sends us. */
export function formatReport(report: PbxCheckReport): string {
  const mark = { ok: 'ok  ', warning: 'warn', failed: 'FAIL', skipped: 'skip' } as const;
  const lines = [
    `Hotdesk PBX connection check — ${report.checkedAt}`,
    `PBX ${report.url}, App object ${report.app}: ${report.ok ? 'usable' : 'NOT usable'}`,
    '',
    ...report.items.flatMap((item) => [
      `[${mark[item.status]}] ${item.id}: ${item.detail}`,
      ...(item.fix === undefined ? [] : [`       fix: ${item.fix}`]),
    ]),
    '',
    'Facts:',
    ...Object.entries(report.facts).map(
      ([key, value]) => `  ${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
