import type { CheckinResponse } from '../../contract/checkin.ts';
import type { Person } from '../../contract/occupancy.ts';
import { matchesAllWords } from '../../contract/search.ts';
import { getDesk } from '../desks/desk-store.ts';
import { DomainError } from '../lib/domain-error.ts';
import { checkinAt } from './checkin-flow.ts';
import { isBaseObject, type OccupancyContext } from './occupancy-context.ts';
import { msg } from '../../i18n/message.ts';

/** Helpdesk and administrators check someone in: find the person, then the one check-in flow. */

const PEOPLE_LISTED = 20;

/** The PBX users whose name, user name or extension contain every word of `query`, in any order. */
export function findPeople(ctx: OccupancyContext, query: string): Person[] {
  return ctx.pbx
    .listUsers()
    .filter((user) => !isBaseObject(user) && matchesAllWords(query, [user.displayName, user.name, user.e164]))
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .slice(0, PEOPLE_LISTED)
    .map((user) => ({ name: user.name, displayName: user.displayName, extension: user.e164 || null }));
}

/** Checks `userName` in at the desk on `actor`'s behalf (method `console`), under the usual policies. */
export async function checkinOnBehalf(
  ctx: OccupancyContext,
  actor: string,
  deskId: string,
  userName: string,
): Promise<CheckinResponse> {
  const desk = await getDesk(ctx.db, deskId);
  if (!desk) throw new DomainError('not_found', 'unknown_desk', msg('api.shared.deskDoesExistAny'));
  const person = await ctx.pbx.findUser(userName);
  if (!person || isBaseObject(person)) {
    throw new DomainError('not_found', 'unknown_person', msg('api.onBehalf.therePbxUser', { userName }));
  }
  return checkinAt(ctx, desk, person.name, 'console', actor, { subject: person.displayName, onBehalf: true });
}
