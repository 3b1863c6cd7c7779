import { defaultSettings, settingsValuesSchema, type Settings, type SettingsValues } from '../../contract/settings.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Db, Queryable } from '../db/db.ts';
import { DomainError } from '../lib/domain-error.ts';
import type { EventBus } from '../lib/events.ts';
import { msg } from '../../i18n/message.ts';

/** How long a read is reused: another service instance on the same PostgreSQL may change the settings. */
const CACHE_MS = 5_000;

/**
 * The settings row, read through a short-lived cache: check-ins read it on every request. Changes made
 * here are seen at once; another instance's as soon as its live event arrives (server/db/event-relay.ts), and
 * within `CACHE_MS` should that event be lost.
 */
export class SettingsStore {
  private cached: Settings | null = null;
  private cachedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
  ) {
    events.subscribe((event) => {
      if (event.type === 'settings') this.cached = null;
    });
  }

  async get(db: Queryable = this.db): Promise<Settings> {
    if (this.cached && db === this.db && Date.now() - this.cachedAt < CACHE_MS) return this.cached;
    const [row] = await db.query<{ value: unknown; version: number; upgrade_notes: string[] }>(
      'SELECT value, version, upgrade_notes FROM settings WHERE id = 1',
    );
    // Stored values from older versions gain new keys from the defaults, also inside a section (what an upgrade
    // must keep off is stored explicitly by the migration: server/db/upgrade-behaviour.ts).
    const parsed = settingsValuesSchema.safeParse(withDefaults(row?.value));
    const settings: Settings = {
      ...(parsed.success ? parsed.data : defaultSettings),
      version: row?.version ?? 0,
      upgradeNotes: row?.upgrade_notes ?? [],
    };
    if (db === this.db) {
      this.cached = settings;
      this.cachedAt = Date.now();
    }
    return settings;
  }

  async update(actor: string, expectedVersion: number, values: SettingsValues): Promise<Settings> {
    const settings = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ version: number }>('SELECT version FROM settings WHERE id = 1 FOR UPDATE');
      const current = await this.get(tx);
      if ((row?.version ?? 0) !== expectedVersion) {
        throw new DomainError(
          'stale',
          'version_conflict',
          msg('api.settingsService.someoneElseChangedSettings'),
          undefined,
          {
            current,
          },
        );
      }
      // Saving the settings answers the upgrade's notes: the administrator has seen them.
      await tx.query(
        `INSERT INTO settings (id, value, version) VALUES (1, $1, 1)
         ON CONFLICT (id) DO UPDATE
         SET value = EXCLUDED.value, version = settings.version + 1, updated_at = now(), upgrade_notes = '[]'::jsonb`,
        [JSON.stringify(values)],
      );
      const { version: _before, upgradeNotes: _notes, ...before } = current;
      await recordAudit(tx, { actor, action: 'settings.update', result: 'ok', detail: { before, after: values } });
      return this.get(tx);
    });
    // The event also empties this instance's cache (see the constructor): the next read is the row itself.
    this.events.publish({ type: 'settings' });
    return settings;
  }
}

/** `stored` over the defaults, one level deep: a section saved before a field existed gets its default. */
function withDefaults(stored: unknown): Record<string, unknown> {
  const values = stored !== null && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  return Object.fromEntries(
    Object.entries(defaultSettings).map(([key, fallback]) => {
      const value = values[key];
      const section = (candidate: unknown) =>
        candidate !== null && typeof candidate === 'object' && !Array.isArray(candidate);
      return [key, section(fallback) && section(value) ? { ...fallback, ...(value as object) } : (value ?? fallback)];
    }),
  );
}
