// Starts the real service (built console + PGlite + simulator) on a fresh data directory for e2e runs.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultThrottleLimits } from '../server/auth/login-throttle.ts';
import { loadConfig } from '../server/config.ts';
import { startService } from '../server/service.ts';

const dataDir = join(tmpdir(), `hotdesk-e2e-${process.env.PORT ?? 'default'}`);
rmSync(dataDir, { recursive: true, force: true });
const service = await startService(loadConfig({ ...process.env, DATA_DIR: dataDir }), {
  // The suite runs three times (light, dark, German) from one address within the throttle's window: its
  // per-address allowance would end the third run's sign-ins. The limit per person and address stays as shipped
  // (the sign-in spec proves it); the per-address limit is proven by server/auth/login-throttle.test.ts.
  throttleLimits: { ...defaultThrottleLimits, perAddress: { ...defaultThrottleLimits.perAddress, free: 200 } },
});
console.log(`e2e service at ${service.url}`);
const stop = () => {
  void service.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
