import { defaultSettings, settingsValuesSchema, type Settings, type SettingsValues } from '../../contract/settings.ts';
import { recordAudit } from '../audit.ts';
import type { Db, Queryable } from '../db/db.ts';
import { DomainError } from '../domain-error.ts';
import type { EventBus } from '../events.ts';

/**
 * The settings row, read through a small cache: check-ins read it on every request, and it only changes
 * through `updateSettings` in this process.
 */
export class SettingsStore {
  private cached: Settings | null = null;

  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
  ) {}

  async get(db: Queryable = this.db): Promise<Settings> {
    if (this.cached && db === this.db) return this.cached;
    const [row] = await db.query<{ value: unknown; version: number }>(
      'SELECT value, version FROM settings WHERE id = 1',
    );
    // Stored values from older versions gain new keys from the defaults.
    const parsed = settingsValuesSchema.safeParse({ ...defaultSettings, ...(row?.value as object | undefined) });
    const settings: Settings = { ...(parsed.success ? parsed.data : defaultSettings), version: row?.version ?? 0 };
    if (db === this.db) this.cached = settings;
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
          'Someone else changed the settings meanwhile. Review their change and try again.',
          undefined,
          {
            current,
          },
        );
      }
      await tx.query(
        `INSERT INTO settings (id, value, version) VALUES (1, $1, 1)
         ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value, version = settings.version + 1, updated_at = now()`,
        [JSON.stringify(values)],
      );
      const { version: _before, ...before } = current;
      await recordAudit(tx, { actor, action: 'settings.update', result: 'ok', detail: { before, after: values } });
      return this.get(tx);
    });
    this.cached = settings;
    this.events.publish({ type: 'settings' });
    return settings;
  }
}
