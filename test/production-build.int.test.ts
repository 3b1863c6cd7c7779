import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importResponseSchema } from '../contract/desks.ts';
import { occupancyResponseSchema } from '../contract/occupancy.ts';
import { myDeskResponseSchema } from '../contract/checkin.ts';
import { TestClient } from './http-client.ts';
import { freePort } from './support/free-port.ts';

/**
 * The production build as an operator ships it: `npm run build`'s output in a folder of its own with only the
 * production dependencies (`npm ci --omit=dev`, what `npm prune --omit=dev` leaves), started with
 * `node dist/server/main.js` and nothing else: no tsx, no Vite, no TypeScript sources.
 */
const run = promisify(execFile);
const root = process.cwd();
let folder = '';
let service: ChildProcess | null = null;
let url = '';
let output = '';

// The build is what it is whatever the database: it runs in the PGlite pass only.
describe.runIf(process.env.DATABASE_URL === undefined)('the production build from a pruned copy', () => {
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'hotdesk-prod-'));
    // `npm test` builds once, first (HOTDESK_PREBUILT names that build); run alone, the test builds its own.
    const prebuilt = process.env.HOTDESK_PREBUILT;
    if (prebuilt !== undefined) await cp(join(root, prebuilt), join(folder, 'dist'), { recursive: true });
    else {
      await run('npx', ['vite', 'build', '--outDir', join(folder, 'dist'), '--emptyOutDir', '--logLevel', 'warn'], {
        cwd: root,
      });
      await run('npx', ['tsx', 'scripts/build-server.ts', join(folder, 'dist')], { cwd: root });
    }
    for (const file of ['package.json', 'package-lock.json']) await cp(join(root, file), join(folder, file));
    await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: folder });
    const [port, simPort] = [await freePort(), await freePort()];
    url = `http://127.0.0.1:${port}`;
    service = spawn(process.execPath, ['dist/server/main.js'], {
      cwd: folder,
      env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', PBX_SIM_PORT: String(simPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    service.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (let attempt = 0; attempt < 120; attempt += 1) {
      const health = await fetch(`${url}/api/v1/health`).catch(() => null);
      if (health?.ok && ((await health.json()) as { pbx?: string }).pbx === 'connected') return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`the production build did not come up:\n${output}`);
  }, 300_000);

  afterAll(async () => {
    service?.kill('SIGTERM');
    if (service && service.exitCode === null) await new Promise((resolve) => service?.once('exit', resolve));
    await rm(folder, { recursive: true, force: true });
  });

  it('ships the connection check for installers', async () => {
    const help = await run(process.execPath, ['dist/server/pbx-check.js', '--help'], { cwd: folder });
    expect(help.stderr).toContain('Usage: npm run pbx-check');
  });

  it('has no development dependency to lean on', async () => {
    await expect(run(process.execPath, ['-e', "import('tsx')"], { cwd: folder })).rejects.toThrow();
    await expect(run(process.execPath, ['-e', "import('vite')"], { cwd: folder })).rejects.toThrow();
  });

  it('serves the console, prints the demo sign-ins, and lets an employee check in', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(output).toContain('Demo sign-ins');

    const helpdesk = new TestClient(url);
    expect((await helpdesk.signIn('helpdesk', 'demo')).status).toBe(200);
    const board = occupancyResponseSchema.parse((await helpdesk.request('GET', '/occupancy')).body);
    const free = board.desks.find((desk) => desk.enabled && desk.occupant === null);
    if (!free) throw new Error('the demo company has no free desk');

    const employee = new TestClient(url);
    expect((await employee.signIn('user123', 'demo')).status).toBe(200);
    const checkin = await employee.request('POST', '/checkin', { body: { method: 'desk', value: free.deskName } });
    expect(checkin.status, JSON.stringify(checkin.body)).toBe(200);
    const mine = myDeskResponseSchema.parse((await employee.request('GET', '/me/desk')).body);
    expect(mine.sessions.map((session) => session.deskName)).toEqual([free.deskName]);
  });

  it('sends the console compressed once at build time, hashed assets cached for good, large answers compressed', async () => {
    const page = await fetch(`${url}/`, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(page.headers.get('content-encoding')).toBe('br');
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(await page.text())?.[1];
    if (!script) throw new Error('no entry script in index.html');
    const plain = await (await fetch(`${url}${script}`, { headers: { 'Accept-Encoding': 'identity' } })).text();
    expect(plain).toContain('createRoot');
    for (const [accepts, encoding] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
      ['identity', null],
    ] as const) {
      const asset = await fetch(`${url}${script}`, { headers: { 'Accept-Encoding': accepts } });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-encoding')).toBe(encoding);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      if (encoding) expect(asset.headers.get('vary')).toMatch(/Accept-Encoding/i);
      // The very file, byte for byte (compressed from the final chunk, not an earlier stage of the build).
      expect(await asset.text()).toBe(plain);
    }
    const helpdesk = new TestClient(url);
    expect((await helpdesk.signIn('helpdesk', 'demo')).status).toBe(200);
    const board = await fetch(`${url}/api/v1/occupancy`, {
      headers: { Cookie: helpdesk.cookieHeader(), 'Accept-Encoding': 'gzip' },
    });
    expect(board.headers.get('content-encoding')).toBe('gzip');
    expect(occupancyResponseSchema.parse(await board.json()).desks.length).toBeGreaterThan(0);
    // The event stream is never buffered by a compressor.
    const controller = new AbortController();
    const events = await fetch(`${url}/api/v1/events`, {
      headers: { Cookie: helpdesk.cookieHeader(), 'Accept-Encoding': 'gzip' },
      signal: controller.signal,
    });
    expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(events.headers.get('content-encoding')).toBeNull();
    controller.abort();
  });

  it('checks a desk file in its worker thread (built next to the service)', async () => {
    const facility = new TestClient(url);
    expect((await facility.signIn('facility', 'demo')).status).toBe(200);
    const answer = await facility.upload(
      'POST',
      '/desks/import?mode=merge&dryRun=true',
      'hw_id,name\n00:90:33:ff:00:01,Built desk\n',
      'text/csv',
    );
    expect(answer.status).toBe(200);
    expect(importResponseSchema.parse(await answer.json())).toMatchObject({
      summary: { added: 1 },
      errorCount: 0,
      applied: false,
    });
  });
});
