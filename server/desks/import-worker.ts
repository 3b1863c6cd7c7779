// The worker thread's entry (import-thread.ts starts it; built to dist/server/import-worker.js): checks one
// desk file and posts the result back.
import { parentPort, workerData } from 'node:worker_threads';
import { checkDeskFile, type ImportCheckJob } from './import-check.ts';

parentPort?.postMessage(checkDeskFile(workerData as ImportCheckJob));
