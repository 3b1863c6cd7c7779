import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `node server/main.ts` as an operator starts it, with configurations it cannot run with. */
const run = (env: Record<string, string>) =>
  promisify(execFile)('npx', ['tsx', 'server/main.ts'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    timeout: 60_000,
  }).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );

let dir = '';
let occupied: Server;
let port = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hotdesk-start-'));
  occupied = createServer();
  await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', resolve));
  const address = occupied.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});
afterAll(async () => {
  occupied.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a configuration the service cannot run with is one line on stderr and exit code 1', () => {
  it.each<[string, Record<string, string>, RegExp]>([
    [
      'the demo PBX against PostgreSQL',
      { DATABASE_URL: 'postgres://hotdesk@127.0.0.1:1/hotdesk' },
      /^Configuration error: PBX_URL is not set\. .*\(DATABASE_URL is set\)/,
    ],
    ['the demo PBX in production', { NODE_ENV: 'production' }, /^Configuration error: PBX_URL is not set\./],
    [
      'a malformed DATABASE_URL',
      { DATABASE_URL: 'base', HOTDESK_DEMO: 'true' },
      /^Configuration error: DATABASE_URL must be postgres:/,
    ],
    [
      'a port in use',
      { PORT: '<port>', HOST: '127.0.0.1', PBX_SIM_PORT: '0' },
      /^PORT \d+ is in use by another program on 127\.0\.0\.1/,
    ],
  ])('%s', async (_name, env, message) => {
    const outcome = await run({
      DATA_DIR: join(dir, _name.replace(/\W+/g, '-')),
      ...Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value.replace('<port>', String(port))])),
    });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(message);
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
  });
});
