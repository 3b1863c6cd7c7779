import { LOCAL_ADMIN } from './auth/sign-in.ts';
import { ConfigError, loadConfig } from './lib/config.ts';
import { NewerSchemaError } from './db/migrate.ts';
import { configureLogging, errorField, log } from './lib/log.ts';
import { startService } from './service.ts';

/** What the operator must fix is one line on stderr and exit code 1; anything else is logged with its stack. */
function failStart(error: unknown): never {
  if (error instanceof ConfigError || error instanceof NewerSchemaError || isClaimRefused(error)) {
    process.stderr.write(`${(error as Error).message}\n`);
  } else {
    log.fatal({ error: errorField(error), stack: error instanceof Error ? error.stack : undefined }, 'start failed');
  }
  process.exit(1);
}

const isClaimRefused = (error: unknown) =>
  error instanceof Error && error.message.startsWith('Another Hotdesk service');

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  failStart(error);
}
await configureLogging(!config.production && process.env.LOG_FORMAT !== 'json');

let service;
try {
  service = await startService(config);
} catch (error) {
  failStart(error);
}

// The banner is for people starting it by hand; in production the "listening" log line says the same.
if (!config.production) {
  const lines = [
    '',
    `  Hotdesk console:  ${service.url}`,
    `  Database:         ${config.databaseUrl === undefined ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    `  PBX:              ${config.pbx ? config.pbx.url : `built-in demo PBX at ${service.simulator?.url ?? ''}`}`,
  ];
  if (!config.pbx && service.simulator) {
    lines.push(`  myApps (demo):    ${service.simulator.launcherUrl}  (sign in as a PBX user, open Hotdesk)`);
  }
  if (!config.pbx) {
    const { DEMO_PASSWORD } = await import('../sim/demo-company.ts');
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
  process.stdout.write(lines.join('\n') + '\n\n');
}

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down: draining requests and streams');
  service.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log.fatal({ error: errorField(error) }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
