import { parseDeskCsv, type CsvDesk, type ParsedDeskFile } from '../../../contract/desk-csv.ts';
import { contractMessage, translate } from '../../i18n/i18n.ts';
import { csvCell } from '../../../contract/csv-cells.ts';

/** What the worker sends back: the parse result without the rows, plus the first rows for a preview. */
export type CheckedFile = Omit<ParsedDeskFile, 'desks'> & { deskCount: number; preview: CsvDesk[] };

export interface WorkerRequest {
  buffer: ArrayBuffer;
}

export type WorkerReply = { type: 'progress'; fraction: number } | { type: 'done'; result: CheckedFile };

export interface RunningCheck {
  result: Promise<CheckedFile>;
  cancel: () => void;
}

/** Checks a file in the module worker; where there is no Worker (tests), on this thread. */
export function checkFile(buffer: ArrayBuffer, onProgress: (fraction: number) => void): RunningCheck {
  if (typeof Worker === 'undefined') {
    const { desks, ...rest } = parseDeskCsv(new Uint8Array(buffer), onProgress);
    return {
      result: Promise.resolve({ ...rest, deskCount: desks.length, preview: desks.slice(0, 20) }),
      cancel: () => undefined,
    };
  }
  const worker = new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module' });
  let reject: (error: Error) => void = () => undefined;
  const result = new Promise<CheckedFile>((resolve, fail) => {
    reject = fail;
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      if (event.data.type === 'progress') onProgress(event.data.fraction);
      else {
        resolve(event.data.result);
        worker.terminate();
      }
    };
    worker.onerror = (event) => {
      fail(new Error(event.message || translate('wizard.unreadable')));
      worker.terminate();
    };
  });
  worker.postMessage({ buffer } satisfies WorkerRequest, [buffer]);
  return {
    result,
    cancel: () => {
      worker.terminate();
      reject(new DOMException(translate('wizard.cancelled'), 'AbortError'));
    },
  };
}

/**
 * The errors as a CSV to fix the file by, their messages in the console's language (cells a spreadsheet would
 * run as formulas are defused).
 */
export function errorsCsv(
  errors: readonly { row: number; column: string | null; value: string | null; message: string }[],
): string {
  const lines = [
    'row,column,value,message',
    ...errors.map((error) =>
      [String(error.row), error.column ?? '', error.value ?? '', contractMessage(error.message)]
        .map((cell) => csvCell(cell))
        .join(','),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
