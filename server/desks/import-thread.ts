import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../lib/domain-error.ts';
import type { ImportCheck, ImportCheckJob } from './import-check.ts';
import { msg } from '../../i18n/message.ts';

/** Files checked at once; more wait their turn (each may take a few hundred MB while it is checked). */
const AT_ONCE = 2;
/** A worker's heap: a file that needs more is refused, and the service goes on. */
const WORKER_HEAP_MB = 2048;

const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
const fromSource = () => import.meta.url.endsWith('.ts');
/** tsx's loader (its ESM API, as its package exports it), for a worker started from source: a development dependency. */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: { './esm/api': { import: { default: string } } };
  };
  return pathToFileURL(join(dirname(manifest), exports['./esm/api'].import.default)).href;
}

let running = 0;
const waiting: (() => void)[] = [];

/** Desk files being checked now (for the tests and the curious). */
export const filesBeingChecked = (): number => running;

/**
 * Checks a desk file in a worker thread (import-check.ts), so that a large or hostile file never holds the
 * service's event loop: health, check-ins and the board answer while it is parsed. The file's bytes are copied
 * to the worker (a memory copy, milliseconds for the largest file allowed).
 */
export async function checkInWorker(job: ImportCheckJob): Promise<ImportCheck> {
  if (running >= AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await runWorker(job);
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function runWorker(job: ImportCheckJob): Promise<ImportCheck> {
  const worker = fromSource()
    ? // From source (tsx, the tests) the worker is TypeScript: it registers tsx's loader first.
      new Worker(
        `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(new URL('./import-worker.ts', import.meta.url).href)}); })`,
        { eval: true, workerData: job, resourceLimits },
      )
    : new Worker(new URL('./import-worker.js', import.meta.url), { workerData: job, resourceLimits });
  return new Promise<ImportCheck>((resolve, reject) => {
    let answered = false;
    worker.once('message', (result: ImportCheck) => {
      answered = true;
      resolve(result);
    });
    worker.once('error', (error: Error & { code?: string }) => {
      answered = true;
      reject(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new DomainError('invalid', 'payload_too_large', msg('api.importThread.fileNeedsMoreMemory'))
          : error,
      );
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the desk file check stopped (exit ${code}) without an answer`));
    });
  });
}
