import type { Queryable } from './db.ts';

/**
 * Features a later release brought that delete data or write to the PBX, with the migration that brought them
 * and the value that keeps what an older installation did. New installations get the new defaults; an upgraded
 * one keeps its behaviour until an administrator turns a feature on (the console lists them: `upgrade_notes`).
 */
export const KEPT_ON_UPGRADE = [
  { feature: 'phones.baseObjects', since: 9, keep: false },
  { feature: 'phones.locationFollowsDesk', since: 10, keep: false },
  { feature: 'loginMethods.phone', since: 11, keep: false },
  { feature: 'privacy.aggregateOnly', since: 12, keep: false },
  { feature: 'privacy.retentionDays', since: 12, keep: null },
] as const;

/** The migration whose transaction writes the kept values (015_upgrade_notes.sql brings the column). */
export const KEEP_BEHAVIOUR_MIGRATION = 15;

/**
 * Run inside migration 15's transaction, so that a crash cannot leave an upgraded installation with new
 * defaults: for every feature newer than the database's previous migration, the settings row gets the value
 * that keeps the old behaviour (unless it holds a value already) and a note for the console.
 */
export async function keepUpgradedBehaviour(tx: Queryable, previous: number): Promise<void> {
  if (previous === 0 || previous >= KEEP_BEHAVIOUR_MIGRATION) return;
  const kept = KEPT_ON_UPGRADE.filter((entry) => entry.since > previous);
  if (kept.length === 0) return;
  const [row] = await tx.query<{ value: Record<string, unknown> }>('SELECT value FROM settings WHERE id = 1');
  const value: Record<string, Record<string, unknown>> = structuredClone(
    (row?.value ?? {}) as Record<string, Record<string, unknown>>,
  );
  const notes: string[] = [];
  for (const { feature, keep } of kept) {
    const [section = '', key = ''] = feature.split('.');
    const stored = (value[section] ??= {});
    if (key in stored) continue;
    stored[key] = keep;
    notes.push(feature);
  }
  await tx.query(
    `INSERT INTO settings (id, value, version, upgrade_notes) VALUES (1, $1, 1, $2)
     ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value, upgrade_notes = EXCLUDED.upgrade_notes`,
    [JSON.stringify(value), JSON.stringify(notes)],
  );
}
