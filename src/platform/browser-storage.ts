/**
 * Remembering small choices on this browser. Storage may be refused (private mode, blocked site data):
 * then reading finds nothing and writing does nothing, and the choice lasts for this page only.
 */
type Area = 'local' | 'session';

const storageOf = (area: Area): Storage => (area === 'local' ? localStorage : sessionStorage);

export function readStored(area: Area, key: string): string | null {
  try {
    return storageOf(area).getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value`, or forgets the key when it is null. */
export function writeStored(area: Area, key: string, value: string | null): void {
  try {
    if (value === null) storageOf(area).removeItem(key);
    else storageOf(area).setItem(key, value);
  } catch {
    // Refused: see above.
  }
}

/** The stored value when it is one of `choices`, else null. */
export function readStoredChoice<Choice extends string>(key: string, choices: readonly Choice[]): Choice | null {
  const stored = readStored('local', key);
  return (choices as readonly string[]).includes(stored ?? '') ? (stored as Choice) : null;
}
