// `npm run build` (after `vite build`): the service as plain JavaScript in dist/server/, runnable with
// `node dist/server/main.js` after `npm prune --omit=dev`. Dependencies stay in node_modules (external); the
// built-in simulator is a chunk of its own, loaded only without PBX_URL. What the service reads at run time
// (the migrations, the demo myApps launcher) is copied next to the code that reads it.
import { build } from 'esbuild';
import { cp, rm } from 'node:fs/promises';

// The output root may be given (a test builds into a temporary folder): `tsx scripts/build-server.ts <root>`.
const out = `${process.argv[2] ?? 'dist'}/server`;
await rm(out, { recursive: true, force: true });
await build({
  entryPoints: {
    main: 'server/main.ts',
    'pbx-check': 'scripts/pbx-check.ts',
    // The desk file check's worker thread (server/desks/import-thread.ts starts it next to the code).
    'import-worker': 'server/desks/import-worker.ts',
  },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
// Read relative to the code's own URL (every chunk sits in one folder): the migrations by server/db/migrate.ts,
// the launcher by sim/launcher.ts.
await cp('server/db/migrations', `${out}/migrations`, { recursive: true });
await cp('sim/launcher', `${out}/launcher`, { recursive: true });
console.log(`built ${out}/main.js, ${out}/pbx-check.js and ${out}/import-worker.js`);
