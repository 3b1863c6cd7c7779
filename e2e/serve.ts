// Starts the real service (built console + PGlite + simulator) on a fresh data directory for e2e runs.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultThrottleLimits } from '../server/auth/login-throttle.ts';
import { loadConfig } from '../server/lib/config.ts';
import { startService } from '../server/service.ts';

const dataDir = join(tmpdir(), `hotdesk-e2e-${process.env.PORT ?? 'default'}`);
rmSync(dataDir, { recursive: true, force: true });
const service = await startService(loadConfig({ ...process.env, DATA_DIR: dataDir }), {
  // Every spec signs in from one address within the throttle's window, wrong passwords included: the per-address
  // allowance is raised here. The limits as shipped are proven by server/auth/login-throttle.int.test.ts and
  // server/service.int.test.ts.
  throttleLimits: { ...defaultThrottleLimits, perAddress: { ...defaultThrottleLimits.perAddress, free: 200 } },
});
console.log(`e2e service at ${service.url}`);
const stop = () => {
  void service.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
