import { z } from './zod.ts';

/**
 * Characters no human-readable name may hold: control characters (C0, DEL, C1) and the invisible
 * text-direction controls, with which `desk\u202Egnp.exe` shows as `deskexe.png`.
 */
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export const NAME_MAX = 64;

/** Why `name` is no acceptable name (already trimmed), or null. One rule for every name a person reads. */
export function nameProblem(name: string, what: string, max = NAME_MAX): string | null {
  if (name.length > max) return `A ${what} has at most ${max} characters.`;
  if (UNSAFE_CHARACTERS.test(name)) return `A ${what} cannot contain control or text-direction characters.`;
  return null;
}

/** A required name: trimmed, not empty, at most `max` characters, no control or text-direction characters. */
export const humanName = (what: string, max = NAME_MAX) =>
  z
    .string()
    .trim()
    .min(1, `Enter a ${what}.`)
    .superRefine((name, context) => {
      const problem = nameProblem(name, what, max);
      if (problem !== null) context.addIssue({ code: 'custom', message: problem });
    });

/** The same rule for a name that may be empty. */
export const optionalHumanName = (what: string, max = NAME_MAX) =>
  z
    .string()
    .trim()
    .superRefine((name, context) => {
      const problem = nameProblem(name, what, max);
      if (problem !== null) context.addIssue({ code: 'custom', message: problem });
    });

/** An integer that fits a PostgreSQL `integer` column. */
export const int32 = z
  .number()
  .int('Must be a whole number.')
  .min(-2147483648, 'Too small.')
  .max(2147483647, 'Too large.');
