import type { ImportResponse } from '../../../contract/desks.ts';
import type { CheckedFile } from './csv-check.ts';

/**
 * The import as a state machine: nothing is written before "apply", and apply cannot be interrupted.
 * The wizard renders one component per step and changes steps only through `importReducer`.
 */
export type Step =
  | { kind: 'idle'; message: string | null }
  | { kind: 'parsing'; file: File; progress: number }
  | { kind: 'checked'; file: File; checked: CheckedFile }
  | { kind: 'validating'; file: File; checked: CheckedFile }
  | { kind: 'reviewed'; file: File; checked: CheckedFile; dryRun: ImportResponse }
  | { kind: 'applying'; file: File; checked: CheckedFile; dryRun: ImportResponse }
  | { kind: 'done'; result: ImportResponse }
  | { kind: 'failed'; file: File; checked: CheckedFile; message: string };

/** What the person decides: how to import, and what a replace does to desks and to the people at them. */
export interface ImportChoices {
  mode: 'replace' | 'merge';
  createFloors: boolean;
  confirmRemoveAll: boolean;
  occupied: 'logout' | 'leave' | null;
}

export interface ImportState {
  step: Step;
  choices: ImportChoices;
}

export type ImportAction =
  | { type: 'reset'; message?: string | null }
  | { type: 'reading'; file: File }
  | { type: 'progress'; progress: number }
  | { type: 'read'; checked: CheckedFile }
  | { type: 'validating' }
  | { type: 'reviewed'; dryRun: ImportResponse }
  | { type: 'applying' }
  | { type: 'done'; result: ImportResponse }
  | { type: 'failed'; message: string }
  | { type: 'back' }
  | { type: 'choose'; choices: Partial<ImportChoices> };

export const initialImportState: ImportState = {
  step: { kind: 'idle', message: null },
  choices: { mode: 'merge', createFloors: false, confirmRemoveAll: false, occupied: null },
};

/** Late answers for a step already left (a cancelled read or check) change nothing. */
export function importReducer(state: ImportState, action: ImportAction): ImportState {
  const { step } = state;
  const to = (next: Step): ImportState => ({ ...state, step: next });
  switch (action.type) {
    case 'reset':
      return to({ kind: 'idle', message: action.message ?? null });
    case 'reading':
      // A new file starts with the safe choices again: "replace" chosen for one file must not carry over.
      return { step: { kind: 'parsing', file: action.file, progress: 0 }, choices: initialImportState.choices };
    case 'progress':
      return step.kind === 'parsing' ? to({ ...step, progress: action.progress }) : state;
    case 'read':
      return step.kind === 'parsing' ? to({ kind: 'checked', file: step.file, checked: action.checked }) : state;
    case 'validating':
      // A new check asks the questions about its answer anew.
      return step.kind === 'checked' || step.kind === 'failed'
        ? {
            step: { kind: 'validating', file: step.file, checked: step.checked },
            choices: { ...state.choices, confirmRemoveAll: false, occupied: null },
          }
        : state;
    case 'reviewed':
      return step.kind === 'validating' ? to({ ...step, kind: 'reviewed', dryRun: action.dryRun }) : state;
    case 'applying':
      return step.kind === 'reviewed' && !needsChoice(state) ? to({ ...step, kind: 'applying' }) : state;
    case 'done':
      return step.kind === 'applying' ? to({ kind: 'done', result: action.result }) : state;
    case 'failed':
      return step.kind === 'validating' || step.kind === 'applying'
        ? to({ kind: 'failed', file: step.file, checked: step.checked, message: action.message })
        : state;
    case 'back':
      return step.kind === 'failed' ? to({ kind: 'checked', file: step.file, checked: step.checked }) : state;
    case 'choose':
      return { ...state, choices: { ...state.choices, ...action.choices } };
  }
}

/** A reviewed replace that removes every desk, or desks people sit at, waits for the person's answer. */
export function needsChoice({ step, choices }: ImportState): boolean {
  if (step.kind !== 'reviewed') return false;
  const { needs } = step.dryRun;
  return (
    (needs.confirmRemoveAll && !choices.confirmRemoveAll) ||
    (needs.occupiedRemovedCount > 0 && choices.occupied === null)
  );
}
