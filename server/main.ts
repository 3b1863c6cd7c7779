import { LOCAL_ADMIN } from './auth/sign-in.ts';
import { loadConfig } from './config.ts';
import { startService } from './service.ts';

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

let service;
try {
  service = await startService(config);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const lines = [
  '',
  `  Hotdesk console:  ${service.url}`,
  `  Database:         ${config.databaseUrl === undefined ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  `  PBX:              ${config.pbx ? config.pbx.url : `built-in simulator at ${service.simulator?.url ?? ''}`}`,
];
if (!config.pbx && service.simulator) {
  lines.push(`  myApps (demo):    ${service.simulator.launcherUrl}  (sign in as a PBX user, open Hotdesk)`);
}
if (!config.pbx) {
  const { DEMO_PASSWORD } = await import('../mocks/pbx/demo-company.ts');
  lines.push(
    '',
    '  Demo sign-ins (password for all: ' + DEMO_PASSWORD + ')',
    '    admin      administrator',
    '    helpdesk   helpdesk',
    '    facility   facility manager',
    '    user001 … user300   employees',
  );
}
if (config.localAdminPassword !== undefined)
  lines.push(`    ${LOCAL_ADMIN}  break-glass administrator (HOTDESK_ADMIN_PASSWORD)`);
console.log(lines.join('\n') + '\n');

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  service.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
