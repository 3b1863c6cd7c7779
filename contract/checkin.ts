import { humanName } from './names.ts';
import { checkinMethodSchema, settingsValuesSchema } from './settings.ts';
import { z } from './zod.ts';
import { messageText } from '../i18n/message.ts';

/** An employee's own desk: checking in and out, personal check-in tokens and the phone PIN. */

export const checkinRequestSchema = z.object({
  method: checkinMethodSchema,
  value: z.string().trim().min(1, messageText('contract.checkin.enterDeskComputerName')).max(64),
  /**
   * The person agreed to take over a desk someone else holds (policy "take over"). Without it the console's
   * check-in is refused with `take_over_unconfirmed`, naming the occupant, so that the console can ask first.
   * Check-ins by token (logon scripts) cannot ask and take over as before.
   */
  takeOver: z.boolean().optional(),
});
export type CheckinRequest = z.infer<typeof checkinRequestSchema>;

export const mySessionSchema = z.object({
  deskId: z.string(),
  deskName: z.string(),
  floorName: z.string().nullable(),
  since: z.string(),
  method: z.string(),
  /** Whether the desk's phone is connected to the PBX (registered): only then can it ring for the person. */
  phoneRegistered: z.boolean(),
});
export type MySession = z.infer<typeof mySessionSchema>;

/** GET /api/v1/me/desk: where I sit, which check-in methods I may use, and how to check in on a desk phone. */
export const myDeskResponseSchema = z.object({
  sessions: z.array(mySessionSchema),
  /** Since when the PBX cannot be reached (null: it can): whether the phone is registered is then as it was. */
  pbxDownSince: z.string().nullable(),
  loginMethods: settingsValuesSchema.shape.loginMethods,
  keypad: z.object({
    /** My PBX extension (e164), the number I dial after the login code; null when I have none. */
    extension: z.string().nullable(),
    pinSet: z.boolean(),
    loginCode: z.string(),
    logoutCode: z.string(),
  }),
});
export type MyDeskResponse = z.infer<typeof myDeskResponseSchema>;

export const checkinResponseSchema = z.object({
  session: mySessionSchema,
  /** Set when someone else had the desk and was logged out (policy: take over). */
  tookOverFrom: z.string().nullable(),
  /** Desks the person was checked out of (policy: move). */
  movedFrom: z.array(z.string()),
});
export type CheckinResponse = z.infer<typeof checkinResponseSchema>;

export const checkinTokenSchema = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  /** When it stops working; null: never (made before tokens expired). */
  expiresAt: z.string().nullable(),
});
export type CheckinToken = z.infer<typeof checkinTokenSchema>;

export const createTokenRequestSchema = z.object({
  label: humanName('tokenName', 60),
});

/** The secret is shown once, at creation. */
export const createdTokenSchema = checkinTokenSchema.extend({ token: z.string() });

/** GET /api/v1/me/desk-suggestions: what the person typed so far. */
export const deskSuggestionsQuerySchema = z.object({ q: z.string().trim().max(64).default('') });

export const deskSuggestionsSchema = z.object({ names: z.array(z.string()) });

/** PUT /api/v1/me/phone-pin: the PIN typed on a desk phone's keypad after the extension. */
/** All one digit, or each digit one up or one down from the last (1234, 9876): the first a thief tries. */
export function isTrivialPin(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((digit, index) => digit - (digits[index] ?? 0));
  return steps.every((step) => step === 0) || steps.every((step) => step === 1) || steps.every((step) => step === -1);
}

export const phonePinRequestSchema = z.object({
  pin: z
    .string()
    .regex(/^[0-9]{4,8}$/, messageText('contract.checkin.fourEightDigits'))
    .refine((pin) => !isTrivialPin(pin), messageText('contract.checkin.tooEasyGuessAll')),
});
