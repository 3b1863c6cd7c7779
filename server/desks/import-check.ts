import { createHash } from 'node:crypto';
import { parseDeskCsv, type CsvIssue } from '../../contract/desk-csv.ts';
import {
  importNeeds,
  planImport,
  type ImportOptions,
  type ImportPlan,
  type ImportTables,
} from '../../contract/desk-import-plan.ts';
import type { ImportResponse } from '../../contract/desks.ts';

/** Who holds a desk's phone, as far as the import needs to know (a PBX user, never a base object). */
export interface ImportHolder {
  guid: string;
  name: string;
  displayName: string;
}

/** Everything checking a desk file needs, cloned into the worker: the file, the stored tables, who holds which phone. */
export interface ImportCheckJob {
  bytes: Uint8Array;
  tables: ImportTables;
  /** Lower-case hardware id → the person whose device list holds it. */
  holders: Map<string, ImportHolder>;
  options: ImportOptions;
}

export interface ImportCheck {
  file: ImportResponse['file'];
  warnings: CsvIssue[];
  plan: ImportPlan<ImportHolder>;
  needs: ImportResponse['needs'];
}

/**
 * Parses, validates and plans a desk file against the stored tables (contract/desk-csv.ts,
 * contract/desk-import-plan.ts): the part whose cost follows the file, run in a worker thread
 * (import-thread.ts). A dry run's plan comes back without its desk lists, which only an apply writes.
 */
export function checkDeskFile(job: ImportCheckJob): ImportCheck {
  const parsed = parseDeskCsv(job.bytes);
  const sha256 = createHash('sha256').update(job.bytes).digest('hex');
  const plan = planImport(parsed, job.tables, job.options, (mac) => job.holders.get(mac.toLowerCase()) ?? null);
  const needs = importNeeds(plan, job.tables, job.options);
  return {
    file: { encoding: parsed.encoding, delimiter: parsed.delimiter, rows: parsed.rowCount, sha256 },
    warnings: parsed.warnings,
    plan: job.options.dryRun ? { ...plan, targets: [], added: [], changed: [], removed: [] } : plan,
    needs,
  };
}
