// `npm test`: every test layer, each stage timed, a table of the stages at the end. The console and the demo are
// built once, first; the end-to-end tests and the production-build test use that build. With PostgreSQL's server
// installed (Debian's `postgresql`, as .ci/run installs it) the integration tests run a second time against a
// throw-away PostgreSQL, beside the end-to-end tests (they use different cores most of the time).
//   npm test                    everything
//   npm test -- unit e2e        only these stages (build, lint, typecheck, unit, integration, e2e, postgres)
import { spawn } from 'node:child_process';
import { postgresBinaries, startPostgres } from '../test/support/postgres-server.ts';
import { freePort } from '../test/support/free-port.ts';

interface Stage {
  name: string;
  commands: string[][];
  env?: Record<string, string>;
}

interface Outcome {
  name: string;
  seconds: number;
  ok: boolean;
}

const run = (command: string[], env: Record<string, string> = {}) =>
  new Promise<boolean>((resolve) => {
    const [program = '', ...args] = command;
    const child = spawn(program, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code) => resolve(code === 0));
  });

async function time(stage: Stage): Promise<Outcome> {
  const started = performance.now();
  let ok = true;
  console.log(`\n== ${stage.name}`);
  for (const command of stage.commands) {
    ok = await run(command, stage.env);
    if (!ok) break;
  }
  return { name: stage.name, seconds: (performance.now() - started) / 1000, ok };
}

const vitest = (...projects: string[]) => ['npx', 'vitest', 'run', ...projects.flatMap((name) => ['--project', name])];
const stages: Stage[] = [
  {
    name: 'build',
    commands: [
      ['npx', 'vite', 'build', '--logLevel', 'warn'],
      ['npx', 'vite', 'build', '--mode', 'demo', '--logLevel', 'warn'],
      ['npx', 'tsx', 'scripts/build-server.ts'],
    ],
  },
  {
    name: 'lint',
    commands: [
      ['npx', 'eslint', '.', '--max-warnings', '0'],
      ['npx', 'prettier', '--check', '.'],
    ],
  },
  { name: 'typecheck', commands: [['npx', 'tsc', '-b']] },
  { name: 'unit', commands: [vitest('unit', 'component')] },
  { name: 'integration', commands: [vitest('integration')], env: { HOTDESK_PREBUILT: 'dist' } },
  { name: 'e2e', commands: [['npx', 'playwright', 'test']] },
];

const wanted = process.argv.slice(2);
const chosen = (name: string) => wanted.length === 0 || wanted.includes(name);
const outcomes: Outcome[] = [];
const started = performance.now();
const postgres = chosen('postgres') && postgresBinaries() !== undefined ? startPostgres(await freePort()) : undefined;
try {
  for (const stage of stages) {
    if (!chosen(stage.name)) continue;
    // Lint and typecheck read the same files and use a core each: side by side.
    if (stage.name === 'lint' && chosen('typecheck')) {
      const typecheck = stages.find((other) => other.name === 'typecheck');
      outcomes.push(...(await Promise.all([time(stage), ...(typecheck ? [time(typecheck)] : [])])));
      continue;
    }
    if (stage.name === 'typecheck' && chosen('lint')) continue;
    if (stage.name === 'e2e' && postgres) {
      // Beside the browser tests: the integration tests again, against PostgreSQL.
      const both = await Promise.all([
        time(stage),
        time({
          name: 'integration (PostgreSQL)',
          commands: [vitest('integration')],
          env: { DATABASE_URL: postgres.url },
        }),
      ]);
      outcomes.push(...both);
      continue;
    }
    outcomes.push(await time(stage));
  }
  if (postgres && !chosen('e2e'))
    outcomes.push(
      await time({
        name: 'integration (PostgreSQL)',
        commands: [vitest('integration')],
        env: { DATABASE_URL: postgres.url },
      }),
    );
} finally {
  postgres?.dispose();
}
if (chosen('postgres') && !postgres)
  console.log('\n(PostgreSQL server not installed: the PostgreSQL pass was skipped.)');

const total = (performance.now() - started) / 1000;
console.log('\n== stages');
for (const outcome of outcomes)
  console.log(
    `${outcome.ok ? 'ok  ' : 'FAIL'}  ${outcome.name.padEnd(26)} ${outcome.seconds.toFixed(0).padStart(5)} s`,
  );
console.log(`      ${'total (wall)'.padEnd(26)} ${total.toFixed(0).padStart(5)} s`);
process.exit(outcomes.every((outcome) => outcome.ok) ? 0 : 1);
