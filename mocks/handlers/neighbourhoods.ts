import { http, HttpResponse } from 'msw';
import { neighbourhoodInputSchema, type Neighbourhood } from '../../contract/neighbourhoods.ts';
import type { MockDeskState } from './desks.ts';
import { atVersion, fail, json, newId, parseBody, publish, recordAudit, said } from './kit.ts';
import { mockAccess, type MockApiState } from './session.ts';

/** /neighbourhoods over the mock's tables (the mock knows no PBX groups: who may book there is the service's). */
export function neighbourhoodHandlers(state: MockApiState, tables: MockDeskState, baseUrl: string) {
  const api = (path: string) => `${baseUrl}/api/v1${path}`;
  const places = (values: { zoneIds: string[]; deskIds: string[] }) => ({
    zones: values.zoneIds.flatMap((id) => {
      const zone = tables.zones.find((candidate) => candidate.id === id);
      const floor = tables.floors.find((candidate) => candidate.id === zone?.floorId);
      return zone ? [{ id, name: zone.name, floorName: floor?.name ?? '' }] : [];
    }),
    desks: values.deskIds.flatMap((id) => {
      const desk = tables.desks.find((candidate) => candidate.id === id);
      return desk ? [{ id, name: desk.name }] : [];
    }),
  });
  /** A zone or desk of another neighbourhood, or a name taken: the service's 409s. */
  const clash = (values: { name: string; zoneIds: string[]; deskIds: string[] }, id: string | null) => {
    const others = tables.neighbourhoods.filter((one) => one.id !== id);
    if (others.some((one) => one.name.toLowerCase() === values.name.toLowerCase()))
      return fail(
        409,
        'neighbourhood_name_taken',
        said('api.neighbourhoods.thereAlreadyNeighbourhood', { name: values.name }),
      );
    const taken = others.find(
      (one) =>
        one.zones.some((zone) => values.zoneIds.includes(zone.id)) ||
        one.desks.some((desk) => values.deskIds.includes(desk.id)),
    );
    return taken
      ? fail(409, 'neighbourhood_overlap', `A zone or desk is already in the ${taken.name} neighbourhood.`)
      : null;
  };
  /** Desk names as ids (any case), as the service: an unknown name is refused at the field. */
  const withNames = <Input extends { zoneIds: string[]; deskIds: string[]; deskNames: string[] }>(input: Input) => {
    const unknown = input.deskNames.filter(
      (name) => !tables.desks.some((desk) => desk.name.toLowerCase() === name.toLowerCase()),
    );
    if (unknown.length > 0)
      return fail(400, 'bad_request', said('api.neighbourhoods.deskNamed', { value1: unknown.join(', ') }), {
        fields: { deskNames: `Unknown: ${unknown.join(', ')}.` },
      });
    const named = tables.desks
      .filter((desk) => input.deskNames.some((name) => name.toLowerCase() === desk.name.toLowerCase()))
      .map((desk) => desk.id);
    return { ...input, deskIds: [...new Set([...input.deskIds, ...named])] };
  };
  return [
    http.get(api('/neighbourhoods'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'staff.read');
      if (refused) return refused;
      return HttpResponse.json({
        neighbourhoods: tables.neighbourhoods,
        groups: ['hotdesk-admin', 'hotdesk-facility', 'hotdesk-helpdesk', 'sales'],
      });
    }),
    http.post(api('/neighbourhoods'), async ({ request, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'desks.edit');
      if (refused) return refused;
      const parsed = await parseBody(request, neighbourhoodInputSchema);
      if (parsed instanceof Response) return parsed;
      const input = withNames(parsed);
      if (input instanceof Response) return input;
      const taken = clash(input, null);
      if (taken) return taken;
      const made: Neighbourhood = {
        id: newId(),
        name: input.name,
        pbxGroup: input.pbxGroup,
        othersFrom: input.othersFrom,
        ...places(input),
        version: 1,
      };
      tables.neighbourhoods.push(made);
      recordAudit(state, session.user.name, 'neighbourhood.create', 'ok', {}, made.name);
      publish(state, { type: 'bookings', floorIds: [] });
      return json(made, made.version, 201);
    }),
    http.put(api('/neighbourhoods/:id'), async ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'desks.edit');
      if (refused) return refused;
      const current = atVersion(request, tables.neighbourhoods, params.id, 'neighbourhood');
      if (current instanceof Response) return current;
      const parsed = await parseBody(request, neighbourhoodInputSchema);
      if (parsed instanceof Response) return parsed;
      const input = withNames(parsed);
      if (input instanceof Response) return input;
      const taken = clash(input, current.id);
      if (taken) return taken;
      Object.assign(current, {
        name: input.name,
        pbxGroup: input.pbxGroup,
        othersFrom: input.othersFrom,
        ...places(input),
        version: current.version + 1,
      });
      recordAudit(state, session.user.name, 'neighbourhood.update', 'ok', {}, current.name);
      publish(state, { type: 'bookings', floorIds: [] });
      return json(current, current.version);
    }),
    http.delete(api('/neighbourhoods/:id'), ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'desks.edit');
      if (refused) return refused;
      const current = tables.neighbourhoods.find((one) => one.id === params.id);
      if (!current) return fail(404, 'not_found', said('api.neighbourhoods.neighbourhoodDoesExistAny'));
      tables.neighbourhoods = tables.neighbourhoods.filter((one) => one.id !== current.id);
      recordAudit(state, session.user.name, 'neighbourhood.delete', 'ok', {}, current.name);
      publish(state, { type: 'bookings', floorIds: [] });
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
