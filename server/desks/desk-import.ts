import type { CsvIssue } from '../../contract/desk-csv.ts';
import { importRefusal, type ImportOptions } from '../../contract/desk-import-plan.ts';
import type { ImportResponse } from '../../contract/desks.ts';
import { recordAudit } from '../audit/audit.ts';
import type { DeskOccupancyPort } from './desk-occupancy-port.ts';
import type { Db } from '../db/db.ts';
import { DomainError } from '../lib/domain-error.ts';
import { inLocale, type Locale } from '../lib/text.ts';
import type { EventBus } from '../lib/events.ts';
import { personHolding, type Pbx } from '../pbx/pbx.ts';
import { assertPbxConnected } from './desk-service.ts';
import type { ImportHolder } from './import-check.ts';
import { checkInWorker } from './import-thread.ts';
import { applyImportPlan, loadImportTables } from './import-store.ts';
import { msg } from '../../i18n/message.ts';

export interface ImportDeps {
  db: Db;
  pbx: Pbx;
  events: EventBus;
  occupancy: Pick<DeskOccupancyPort, 'completePendingLogouts' | 'frozenPhone' | 'reconcile' | 'planLogouts'>;
}

/**
 * Imports a desk file: parse and validate (contract/desk-csv.ts), plan against the stored tables
 * (contract/desk-import-plan.ts), and answer with the plan. A dry run stops there. An apply the plan's rules
 * refuse (`importRefusal`: errors, a missing decision) changes nothing; otherwise it is one transaction (import-store.ts), with the logouts of
 * removed occupied desks written down in it and done after it commits.
 */
export async function importDesks(
  deps: ImportDeps,
  actor: string,
  bytes: Uint8Array,
  options: ImportOptions,
  locale: Locale = 'en',
): Promise<ImportResponse> {
  const tables = await loadImportTables(deps.db);
  // Parsing, checking and planning take the time a file's size gives them: in a worker thread, never on the
  // event loop.
  const { file, warnings, plan, needs } = await checkInWorker({
    bytes,
    tables,
    holders: phoneHolders(deps.pbx),
    options,
  });
  const { summary, changes, errors, errorCount, occupiedRemoved } = plan;
  // The file's problems are written in English where they are found (contract/desk-csv.ts); answered in the
  // request's language.
  const inLanguage = (issues: CsvIssue[]) =>
    issues.map((issue) => ({ ...issue, message: inLocale(issue.message, locale) }));
  const response = (applied: boolean): ImportResponse => ({
    summary,
    changes,
    errors: inLanguage(errors),
    errorCount,
    warnings: inLanguage(warnings),
    needs,
    applied,
    file,
  });

  if (options.dryRun) return response(false);
  const refusal = importRefusal(plan, needs, options);
  if (refusal) throw new DomainError(refusal.kind, refusal.code, refusal.message, undefined, response(false));
  // A desk whose phone called an emergency number stays until its callback window ends: the import waits too.
  const frozen: string[] = [];
  for (const desk of plan.removed) {
    const freeze = await deps.occupancy.frozenPhone(desk.mac);
    if (freeze) frozen.push(`${desk.name} (${freeze.number})`);
  }
  if (frozen.length > 0)
    throw new DomainError(
      'conflict',
      'desk_frozen',
      msg('api.deskImport.importWouldRemoveEmergency', { value1: frozen.join(', ') }),
      undefined,
      response(false),
    );
  const logouts = options.occupied === 'logout' ? occupiedRemoved : [];
  if (logouts.length > 0) assertPbxConnected(deps.pbx, msg('api.deskImport.logPeopleOutDesks'));

  await deps.db.transaction(async (tx) => {
    // Who is logged out is written down with the removal and done after the commit: never one without the other.
    await deps.occupancy.planLogouts(
      tx,
      actor,
      'desk_deleted',
      logouts.map(({ desk, holder }) => ({
        mac: desk.mac,
        userGuid: holder.guid,
        userName: holder.name,
        deskName: desk.name,
      })),
    );
    await applyImportPlan(tx, plan);
    await recordAudit(tx, {
      actor,
      action: 'desks.import',
      result: 'ok',
      detail: {
        mode: options.mode,
        ...summary,
        sha256: file.sha256,
        bytes: bytes.byteLength,
        rows: file.rows,
        occupied: options.occupied,
      },
    });
  });
  deps.events.publish({ type: 'desks', ids: [] });
  deps.events.publish({ type: 'occupancy', deskIds: [] });
  if (logouts.length > 0) await deps.occupancy.completePendingLogouts();
  // Imported desks whose phones are already in someone's device list: those people sit there, from now on.
  const touched = changes.filter((change) => change.kind !== 'removed').map((change) => change.mac);
  if (touched.length > 0) await deps.occupancy.reconcile(new Set(touched));
  return response(true);
}

/** Every phone in a person's device list (base objects are nobody), for the worker that plans the import. */
function phoneHolders(pbx: Pbx): Map<string, ImportHolder> {
  const holders = new Map<string, ImportHolder>();
  for (const user of pbx.listUsers()) {
    for (const device of user.devices) {
      const mac = device.hw.toLowerCase();
      if (holders.has(mac)) continue;
      const holder = personHolding(pbx, mac);
      if (holder) holders.set(mac, { guid: holder.guid, name: holder.name, displayName: holder.displayName });
    }
  }
  return holders;
}
