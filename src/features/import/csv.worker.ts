/// <reference lib="webworker" />
import { parseDeskCsv } from '../../../contract/desk-csv.ts';
import type { WorkerReply, WorkerRequest } from './csv-check.ts';

/**
 * Parses and validates a desk file off the main thread (our own module worker: papaparse's `worker: true`
 * does not work in Vite production builds). Only a summary goes back, never the 100,000 rows.
 */
self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const parsed = parseDeskCsv(new Uint8Array(event.data.buffer), (fraction) => {
    self.postMessage({ type: 'progress', fraction } satisfies WorkerReply);
  });
  const { desks, ...rest } = parsed;
  self.postMessage({
    type: 'done',
    result: { ...rest, deskCount: desks.length, preview: desks.slice(0, 20) },
  } satisfies WorkerReply);
};
