import { createHash } from 'node:crypto';
import { parseDeskCsv } from '../../contract/desk-csv.ts';
import type { ImportResponse } from '../../contract/desks.ts';
import { recordAudit } from '../audit.ts';
import type { DeskOccupancyService } from '../checkin/desk-occupancy.ts';
import { planLogouts } from '../checkin/logouts.ts';
import { personHolding } from '../checkin/occupancy-context.ts';
import type { Db } from '../db/db.ts';
import { DomainError } from '../domain-error.ts';
import type { EventBus } from '../events.ts';
import type { Pbx } from '../pbx/pbx.ts';
import { assertPbxConnected } from './desk-service.ts';
import { planImport } from './import-plan.ts';
import { applyImportPlan, loadImportTables } from './import-store.ts';

export interface ImportOptions {
  mode: 'replace' | 'merge';
  dryRun: boolean;
  createFloors: boolean;
  confirmRemoveAll: boolean;
  /** What happens to people at desks a replace removes: log them out, or leave their phones as they are. */
  occupied: 'logout' | 'leave' | null;
  /** Whether the caller may log others out (helpdesk, admin); facility may not. */
  mayLogOut: boolean;
}

export interface ImportDeps {
  db: Db;
  pbx: Pbx;
  events: EventBus;
  occupancy: Pick<DeskOccupancyService, 'completePendingLogouts'>;
}

/** Occupied desks named in a dry run's answer (`occupiedRemovedCount` has them all). */
const OCCUPIED_LISTED = 100;

/**
 * Imports a desk file: parse and validate (contract/desk-csv.ts), plan against the stored tables
 * (import-plan.ts), and answer with the plan. A dry run stops there. An apply with any error is refused
 * (422) and changes nothing; otherwise it is one transaction (import-store.ts), with the logouts of
 * removed occupied desks written down in it and done after it commits.
 */
export async function importDesks(
  deps: ImportDeps,
  actor: string,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<ImportResponse> {
  const parsed = parseDeskCsv(bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const tables = await loadImportTables(deps.db);
  const plan = planImport(parsed, tables, options, (mac) => personHolding(deps.pbx, mac));
  const { summary, changes, errors, errorCount, occupiedRemoved, removed } = plan;
  const needs = {
    confirmRemoveAll: options.mode === 'replace' && tables.desks.length > 0 && removed.length === tables.desks.length,
    occupiedRemoved: occupiedRemoved
      .slice(0, OCCUPIED_LISTED)
      .map(({ deskName, occupant }) => ({ deskName, occupant })),
    occupiedRemovedCount: occupiedRemoved.length,
    mayLogOut: options.mayLogOut,
  };
  const response = (applied: boolean): ImportResponse => ({
    summary,
    changes,
    errors,
    errorCount,
    warnings: parsed.warnings,
    needs,
    applied,
    file: { encoding: parsed.encoding, delimiter: parsed.delimiter, rows: parsed.rowCount, sha256 },
  });

  if (options.dryRun) return response(false);
  if (errorCount > 0) {
    throw new DomainError(
      'semantic',
      'import_invalid',
      `The file has ${errorCount} error${errorCount === 1 ? '' : 's'}; nothing was changed.`,
      undefined,
      response(false),
    );
  }
  if (needs.confirmRemoveAll && !options.confirmRemoveAll) {
    throw new DomainError(
      'conflict',
      'confirm_remove_all',
      'This import removes every desk. Confirm that this is what you want.',
      undefined,
      response(false),
    );
  }
  if (occupiedRemoved.length > 0 && options.occupied === null) {
    throw new DomainError(
      'conflict',
      'occupied_desks',
      `This import removes ${occupiedRemoved.length} desk${occupiedRemoved.length === 1 ? '' : 's'} someone is sitting at. Choose what happens to them.`,
      undefined,
      response(false),
    );
  }
  const logouts = options.occupied === 'logout' ? occupiedRemoved : [];
  if (logouts.length > 0 && !options.mayLogOut) {
    const named = logouts
      .slice(0, 3)
      .map(({ deskName, occupant }) => `${occupant} (${deskName})`)
      .join(', ');
    const more = logouts.length > 3 ? ` and ${logouts.length - 3} more` : '';
    throw new DomainError(
      'conflict',
      'desk_occupied',
      `${named}${more} ${logouts.length === 1 ? 'sits' : 'sit'} at desks this import removes. Helpdesk can log them out; or keep their phones as they are.`,
      undefined,
      response(false),
    );
  }
  if (logouts.length > 0) assertPbxConnected(deps.pbx, 'log people out of the desks this import removes');

  await deps.db.transaction(async (tx) => {
    // Who is logged out is written down with the removal and done after the commit: never one without the other.
    await planLogouts(
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
        sha256,
        bytes: bytes.byteLength,
        rows: parsed.rowCount,
        occupied: options.occupied,
      },
    });
  });
  deps.events.publish({ type: 'desks', ids: [] });
  deps.events.publish({ type: 'occupancy', deskIds: [] });
  if (logouts.length > 0) await deps.occupancy.completePendingLogouts();
  return response(true);
}
