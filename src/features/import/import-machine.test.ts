import { describe, expect, it } from 'vitest';
import type { ImportResponse } from '../../../contract/desks.ts';
import type { CheckedFile } from './csv-check.ts';
import {
  importReducer,
  initialImportState,
  needsChoice,
  type ImportAction,
  type ImportState,
} from './import-machine.ts';

const file = new File(['hw_id,name\n'], 'desks.csv');
const checked = { errorCount: 0 } as CheckedFile;
const dryRun = (needs: Partial<ImportResponse['needs']> = {}) =>
  ({
    needs: { confirmRemoveAll: false, occupiedRemoved: [], occupiedRemovedCount: 0, mayLogOut: true, ...needs },
  }) as ImportResponse;
const run = (...actions: ImportAction[]): ImportState => actions.reduce(importReducer, initialImportState);

describe('the import wizard’s steps', () => {
  it('goes file → read → checked → reviewed → applying → done', () => {
    const result = dryRun();
    const state = run(
      { type: 'reading', file },
      { type: 'progress', progress: 0.5 },
      { type: 'read', checked },
      { type: 'validating' },
      { type: 'reviewed', dryRun: result },
      { type: 'applying' },
      { type: 'done', result },
    );
    expect(state.step).toEqual({ kind: 'done', result });
  });

  it('starts every new file with the safe choices (merge, no new floors)', () => {
    const chosen = run(
      { type: 'reading', file },
      { type: 'read', checked },
      { type: 'choose', choices: { mode: 'replace', createFloors: true } },
    );
    expect(chosen.choices).toMatchObject({ mode: 'replace', createFloors: true });
    const next = [{ type: 'reset' } as const, { type: 'reading', file } as const].reduce(importReducer, chosen);
    expect(next.choices).toEqual(initialImportState.choices);
  });

  it('ignores late answers for a step already left: a cancelled read or check changes nothing', () => {
    const cancelled = run(
      { type: 'reading', file },
      { type: 'reset', message: 'Cancelled.' },
      { type: 'read', checked },
    );
    expect(cancelled.step).toEqual({ kind: 'idle', message: 'Cancelled.' });
    const stale = run(
      { type: 'reading', file },
      { type: 'read', checked },
      { type: 'validating' },
      { type: 'reset' },
      { type: 'reviewed', dryRun: dryRun() },
    );
    expect(stale.step.kind).toBe('idle');
  });

  it('does not apply a replace that removes everything or occupied desks before the person answers', () => {
    const reviewed = run(
      { type: 'reading', file },
      { type: 'read', checked },
      { type: 'choose', choices: { mode: 'replace' } },
      { type: 'validating' },
      { type: 'reviewed', dryRun: dryRun({ confirmRemoveAll: true, occupiedRemovedCount: 2 }) },
    );
    expect(needsChoice(reviewed)).toBe(true);
    expect(importReducer(reviewed, { type: 'applying' }).step.kind).toBe('reviewed');
    const answered = [
      { type: 'choose', choices: { confirmRemoveAll: true } },
      { type: 'choose', choices: { occupied: 'leave' } },
    ] satisfies ImportAction[];
    const ready = answered.reduce(importReducer, reviewed);
    expect(needsChoice(ready)).toBe(false);
    expect(importReducer(ready, { type: 'applying' }).step.kind).toBe('applying');
  });

  it('a new check asks the questions anew, and a failure goes back to the checked file', () => {
    const answered = run(
      { type: 'reading', file },
      { type: 'read', checked },
      { type: 'choose', choices: { occupied: 'logout', confirmRemoveAll: true } },
      { type: 'validating' },
    );
    expect(answered.choices).toMatchObject({ occupied: null, confirmRemoveAll: false });
    const back = [{ type: 'failed', message: 'The PBX is away.' }, { type: 'back' }] satisfies ImportAction[];
    expect(back.reduce(importReducer, answered).step).toEqual({ kind: 'checked', file, checked });
  });
});
