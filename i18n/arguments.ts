import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';

/** The names of a catalogue message's arguments ({name}, {count, plural, …}), sorted, from Lingui's compiled form. */
export function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  // A message is a list of parts: text, or [name] / [name, format, {option: message}].
  const visit = (parts: unknown): void => {
    if (!Array.isArray(parts)) return;
    for (const part of parts) {
      if (!Array.isArray(part) || typeof part[0] !== 'string') continue;
      names.add(part[0]);
      const options: unknown = part[2];
      if (options !== null && typeof options === 'object') Object.values(options).forEach(visit);
    }
  };
  visit(compileMessageOrThrow(message));
  return [...names].sort();
}
