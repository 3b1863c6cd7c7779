import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { compileCatalogs } from './scripts/vite-catalogs.ts';

const servicePort = process.env.PORT ?? '8080';

/** The browser-only demo's service worker, taken from the installed msw (so it always matches its version). */
const mswWorker = (): Plugin => ({
  name: 'msw-worker',
  apply: 'build',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'mockServiceWorker.js',
      source: readFileSync(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url), 'utf8'),
    });
  },
});

/**
 * Every text asset also as .br and .gz, compressed once at build time at the highest levels (too slow per
 * request): the service sends the one the browser accepts (server/app.ts, serveStatic's `precompressed`).
 */
const precompress = (): Plugin => ({
  name: 'precompress',
  apply: 'build',
  // From the files as written: only then is every chunk final (Vite rewrites its preload helper into the chunks
  // late in generateBundle).
  writeBundle(options, bundle) {
    const dir = options.dir ?? 'dist';
    for (const fileName of Object.keys(bundle)) {
      if (!/\.(?:js|css|html|svg|json|webmanifest)$/.test(fileName)) continue;
      const bytes = readFileSync(join(dir, fileName));
      if (bytes.length < 1024) continue;
      writeFileSync(
        join(dir, `${fileName}.br`),
        brotliCompressSync(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        }),
      );
      writeFileSync(join(dir, `${fileName}.gz`), gzipSync(bytes, { level: 9 }));
    }
  },
});

export default defineConfig(({ mode }) => ({
  plugins: mode === 'demo' ? [compileCatalogs(), react(), mswWorker()] : [compileCatalogs(), react(), precompress()],
  server: {
    port: 5173,
    proxy: { '/api': { target: `http://127.0.0.1:${servicePort}`, changeOrigin: false } },
  },
  build: mode === 'demo' ? { outDir: 'dist-demo', sourcemap: true } : { outDir: 'dist', sourcemap: true },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          testTimeout: 30_000,
          include: [
            'server/**/*.test.ts',
            'mocks/**/*.test.ts',
            'sim/**/*.test.ts',
            'contract/**/*.test.ts',
            'src/**/*.test.ts',
            'test/**/*.test.ts',
            'i18n/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx'],
          setupFiles: ['./src/testing/setup.ts'],
          // Bounds for a stuck test, not for speed: a busy machine takes longer (speed is in `npm run bench`).
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['server/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          // The second pass, on PostgreSQL, runs what touches the database: the PBX adapter, the simulator, the
          // start-up checks and the production build are what they are whatever the database.
          exclude: process.env.DATABASE_URL
            ? [
                'server/pbx/**',
                'test/pbx-*.int.test.ts',
                'test/sdk-fidelity-*.int.test.ts',
                'test/protocol-conformance.int.test.ts',
                'test/startup.int.test.ts',
                'test/production-build.int.test.ts',
              ]
            : [],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Both cores: each test file has its own service, simulator and database (a PGlite folder or a schema).
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
}));
