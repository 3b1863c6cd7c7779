import { z } from './zod.ts';
import { messageText } from '../i18n/message.ts';

/**
 * Characters no human-readable name may hold: control characters (C0, DEL, C1) and the invisible
 * text-direction controls, with which `desk\u202Egnp.exe` shows as `deskexe.png`.
 */
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export const NAME_MAX = 64;

/** What a name names, as the messages `contract.names.*` choose their words by. */
export type NameKind =
  | 'deskName'
  | 'deviceLabel'
  | 'floorName'
  | 'siteName'
  | 'tokenName'
  | 'zoneName'
  | 'buildingName'
  | 'neighbourhoodName'
  | 'name';

/** Why `name` is no acceptable name (already trimmed), or null. One rule for every name a person reads. */
export function nameProblem(name: string, what: NameKind, max = NAME_MAX): string | null {
  if (name.length > max) return messageText('contract.names.tooLong', { what, max });
  if (UNSAFE_CHARACTERS.test(name)) return messageText('contract.names.unsafe', { what });
  return null;
}

/** A required name: trimmed, not empty, at most `max` characters, no control or text-direction characters. */
export const humanName = (what: NameKind, max = NAME_MAX) =>
  z
    .string()
    .trim()
    .min(1, messageText('contract.names.required', { what }))
    .superRefine((name, context) => {
      const problem = nameProblem(name, what, max);
      if (problem !== null) context.addIssue({ code: 'custom', message: problem });
    });

/** The same rule for a name that may be empty. */
export const optionalHumanName = (what: NameKind, max = NAME_MAX) =>
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
  .int(messageText('contract.names.mustWholeNumber'))
  .min(-2147483648, messageText('contract.names.tooSmall'))
  .max(2147483647, messageText('contract.names.tooLarge'));
