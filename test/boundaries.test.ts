import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The architecture rules in eslint.config.js, proven to bite: each snippet breaks one rule, linted as if
 * it were a file at `filePath` (the file need not exist; what it imports does).
 */
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function rulesBroken(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('architecture boundaries (lint)', () => {
  it('a feature never imports another feature, whichever it is', async () => {
    const code = `import { useFloors } from '../../floors/api/floors.ts';\nexport const x = useFloors;\n`;
    expect(await rulesBroken(code, 'src/features/desks/components/probe.ts')).toContain('import/no-restricted-paths');
    // The same import from src/app, where features are composed, is fine.
    const composed = `import { useFloors } from '../../features/floors/api/floors.ts';\nexport const x = useFloors;\n`;
    expect(await rulesBroken(composed, 'src/app/routes/probe.ts')).not.toContain('import/no-restricted-paths');
  });

  it('no SQL in a route module', async () => {
    const code = `import type { Db } from '../db/db.ts';\nexport const probe = (db: Db) => db.query('SELECT 1');\n`;
    expect(await rulesBroken(code, 'server/routes/probe.ts')).toContain('no-restricted-syntax');
    // Reading the query string is no SQL.
    const query = `import type { Context } from 'hono';\nexport const probe = (c: Context) => c.req.query('q');\n`;
    expect(await rulesBroken(query, 'server/routes/probe.ts')).not.toContain('no-restricted-syntax');
  });

  it('outside server/pbx, the service knows the Pbx interface, not the innovaphone adapter', async () => {
    const code = `import { InnovaphonePbx } from '../pbx/innovaphone.ts';\nexport const x = InnovaphonePbx;\n`;
    expect(await rulesBroken(code, 'server/occupancy/probe.ts')).toContain('no-restricted-imports');
    const allowed = `import { PbxMoveError } from '../pbx/pbx.ts';\nexport const x = PbxMoveError;\n`;
    expect(await rulesBroken(allowed, 'server/occupancy/probe.ts')).not.toContain('no-restricted-imports');
  });

  it('the console never imports the service', async () => {
    const code = `import { listDesks } from '../../../server/desks/desk-store.ts';\nexport const x = listDesks;\n`;
    expect(await rulesBroken(code, 'src/features/desks/probe.ts')).toContain('import/no-restricted-paths');
  });

  it('the console never loads the whole catalogues, and the catalogues import no code', async () => {
    const whole = `import { inLocale } from '../../i18n/translate.ts';\nexport const x = inLocale;\n`;
    expect(await rulesBroken(whole, 'src/lib/probe.ts')).toContain('import/no-restricted-paths');
    const parts = `import { readMessageText } from '../../i18n/message.ts';\nexport const x = readMessageText;\n`;
    expect(await rulesBroken(parts, 'src/lib/probe.ts')).not.toContain('import/no-restricted-paths');
    const upward = `import { z } from '../contract/zod.ts';\nexport const x = z;\n`;
    expect(await rulesBroken(upward, 'i18n/probe.ts')).toContain('import/no-restricted-paths');
  });

  it('the service is layered: shared pieces and the database know no domain, desks no occupancy, occupancy no mail', async () => {
    const cases: [string, string][] = [
      [`import { listDesks } from '../desks/desk-store.ts';\nexport const x = listDesks;\n`, 'server/lib/probe.ts'],
      [`import { recordAudit } from '../audit/audit.ts';\nexport const x = recordAudit;\n`, 'server/db/probe.ts'],
      [
        `import { planLogouts } from '../occupancy/logouts.ts';\nexport const x = planLogouts;\n`,
        'server/desks/probe.ts',
      ],
      [
        `import { emergencyMails } from '../mail/mail-store.ts';\nexport const x = emergencyMails;\n`,
        'server/occupancy/probe.ts',
      ],
    ];
    for (const [code, filePath] of cases) {
      expect(await rulesBroken(code, filePath), filePath).toContain('import/no-restricted-paths');
    }
    const downward = `import { listDesks } from '../desks/desk-store.ts';\nexport const x = listDesks;\n`;
    expect(await rulesBroken(downward, 'server/occupancy/probe.ts')).not.toContain('import/no-restricted-paths');
  });
});
