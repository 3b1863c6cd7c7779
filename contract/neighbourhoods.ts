import { humanName } from './names.ts';
import { zonedTimeToUtc } from './local-time.ts';
import { localMoment } from './office-hours.ts';
import { z } from './zod.ts';
import { msg, type Message } from '../i18n/message.ts';
import { messageText } from '../i18n/message.ts';

/**
 * Neighbourhoods: zones (or single desks) kept for the members of a PBX group, e.g. group `sales` → zone
 * "Sales". Members book and check in there; others only from `othersFrom` (local time) on the day, or never.
 */

/** An id of a zone or desk (the service checks that it exists). */
const placeId = z.string().min(1).max(64);

export const neighbourhoodInputSchema = z
  .object({
    name: humanName('neighbourhoodName'),
    /** The PBX group whose members it is for (as the PBX names it; any case). */
    pbxGroup: z
      .string()
      .trim()
      .min(1, messageText('contract.neighbourhoods.choosePbxGroup'))
      .max(64, messageText('contract.shared.atMostCharacters', { max: 64 })),
    /** Others may book or check in from this local time of the day on; null: members only. */
    othersFrom: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, messageText('contract.neighbourhoods.timeLike'))
      .nullable(),
    zoneIds: z.array(placeId).max(200).default([]),
    deskIds: z.array(placeId).max(2000).default([]),
    /** Desks by name (any case), as people type them; with `deskIds`. */
    deskNames: z.array(z.string().trim().min(1).max(64)).max(2000).default([]),
  })
  .refine((input) => input.zoneIds.length + input.deskIds.length + input.deskNames.length > 0, {
    message: messageText('contract.neighbourhoods.chooseZoneOrDesk'),
    path: ['zoneIds'],
  });
export type NeighbourhoodInput = z.input<typeof neighbourhoodInputSchema>;

export const neighbourhoodSchema = z.object({
  id: z.string(),
  name: z.string(),
  pbxGroup: z.string(),
  othersFrom: z.string().nullable(),
  zones: z.array(z.object({ id: z.string(), name: z.string(), floorName: z.string() })),
  desks: z.array(z.object({ id: z.string(), name: z.string() })),
  version: z.number().int(),
});
export type Neighbourhood = z.infer<typeof neighbourhoodSchema>;

/** GET /api/v1/neighbourhoods: every neighbourhood, and the PBX's groups to choose from. */
export const neighbourhoodListSchema = z.object({
  neighbourhoods: z.array(neighbourhoodSchema),
  /** The groups the PBX's users are members of (the picker's suggestions). */
  groups: z.array(z.string()),
});
export type NeighbourhoodList = z.infer<typeof neighbourhoodListSchema>;

/** A desk's neighbourhood as a rule needs it. */
export interface NeighbourhoodRule {
  name: string;
  pbxGroup: string;
  othersFrom: string | null;
}

export const isMember = (groups: readonly string[], rule: NeighbourhoodRule) =>
  groups.some((group) => group.toLowerCase() === rule.pbxGroup.toLowerCase());

/**
 * Why someone outside the neighbourhood may not have its desk for a time starting at `start`, at `now`; null when
 * they may: a member, or the day's `othersFrom` has come (members had the desk first until then).
 */
export function neighbourhoodRefusal(
  rule: NeighbourhoodRule | null,
  groups: readonly string[],
  { start, now, timeZone }: { start: Date; now: Date; timeZone: string },
): Message | null {
  if (!rule || isMember(groups, rule)) return null;
  if (rule.othersFrom === null)
    return msg('contract.neighbourhoods.deskNeighbourhoodMembersOnly', {
      ruleName: rule.name,
      rulePbxGroup: rule.pbxGroup,
    });
  const [year = 0, month = 1, day = 1] = localMoment(start, timeZone).day.split('-').map(Number);
  const [hour = 0, minute = 0] = rule.othersFrom.split(':').map(Number);
  if (now >= zonedTimeToUtc(timeZone, year, month, day, hour, minute)) return null;
  return msg('contract.neighbourhoods.deskNeighbourhoodMembersFirst', {
    ruleName: rule.name,
    rulePbxGroup: rule.pbxGroup,
    ruleOthersFrom: rule.othersFrom,
  });
}
