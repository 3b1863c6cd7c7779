import { http, HttpResponse, type DefaultBodyType, type PathParams } from 'msw';
import type { ErrorResponse, PbxHealthResponse } from '../../contract/api.ts';
import { pbxCheckRequestSchema, type PbxCheckReport } from '../../contract/pbx-check.ts';
import { parseBody, recordAudit } from './kit.ts';
import { mockAccess, type MockApiState } from './session.ts';

/** The demo's PBX system as the service would show it: Berlin (master) and the Munich site's PBX. */
function links(state: MockApiState) {
  const since = new Date(Date.now() - 3_600_000).toISOString();
  return [
    { name: 'berlin', master: true, url: 'wss://pbx-berlin.demo.example/PBX0/APPS/websocket', registrations: 143 },
    { name: 'munich', master: false, url: 'wss://pbx-munich.demo.example/PBX0/APPS/websocket', registrations: 12 },
  ].map((link) => ({
    ...link,
    state: state.pbx,
    since,
    lastError: null,
    loginRefused: false,
    registrationsLoaded: true,
    callsWatched: state.pbx === 'connected',
  }));
}

/** GET /health/pbx and POST /pbx/check (admin), as the service answers them for the demo system. */
export function pbxHandlers(state: MockApiState, baseUrl: string) {
  const api = (path: string) => `${baseUrl}/api/v1${path}`;
  return [
    http.get<PathParams, DefaultBodyType, PbxHealthResponse | ErrorResponse>(
      api('/health/pbx'),
      ({ request, cookies }) => {
        const { refused } = mockAccess(state, { request, cookies }, 'admin');
        if (refused) return refused;
        const pbxs = links(state);
        return HttpResponse.json<PbxHealthResponse>({
          state: state.pbx,
          since: pbxs[0]?.since ?? new Date().toISOString(),
          lastError: null,
          replicaLoaded: true,
          users: 304,
          registrationsLoaded: true,
          registrations: pbxs.reduce((sum, pbx) => sum + pbx.registrations, 0),
          callsWatched: state.pbx === 'connected',
          pbxs,
          unreached: [],
          invariants: { ok: true, duplicateMacs: [], sessionMismatches: [], pendingMoves: 0 },
        });
      },
    ),
    http.post<PathParams, DefaultBodyType, PbxCheckReport | ErrorResponse>(
      api('/pbx/check'),
      async ({ request, cookies }) => {
        const { refused, session } = mockAccess(state, { request, cookies }, 'admin');
        if (refused) return refused;
        const body = await parseBody(request, pbxCheckRequestSchema);
        if (body instanceof Response) return body;
        const up = state.pbx === 'connected';
        const report: PbxCheckReport = {
          checkedAt: new Date().toISOString(),
          url: links(state)[0]?.url ?? '',
          app: 'hotdesk',
          ok: up,
          items: up
            ? [
                {
                  id: 'tls',
                  status: 'ok',
                  detail: 'master: certificate trusted (issued to pbx-berlin.demo.example by Demo CA)',
                },
                { id: 'login', status: 'ok', detail: 'master: logged in as the App object hotdesk' },
                { id: 'PbxAdminApi', status: 'ok', detail: 'granted; this PBX is berlin' },
                { id: 'pbxs', status: 'ok', detail: 'PBXs of the system: berlin, munich' },
                { id: 'PbxTableUsers', status: 'ok', detail: 'granted; 304 objects replicated (user)' },
                {
                  id: 'RCC (master)',
                  status: 'ok',
                  detail: 'granted; 304 users visible, 143 with a registered device; calls watched',
                },
                {
                  id: 'liveness',
                  status: 'ok',
                  detail: 'answers WebSocket pings; KeepAlive not answered (as documented)',
                },
                {
                  id: 'myapps',
                  status: 'ok',
                  detail:
                    'myApps opens https://hotdesk.demo.example/myapps; the PBX will sign logins as app "myapps" for the App object hotdesk',
                },
                ...(body.writeTest === undefined
                  ? []
                  : [
                      {
                        id: 'write',
                        status: 'ok' as const,
                        detail: `wrote ${body.writeTest}'s device list back unchanged`,
                      },
                    ]),
              ]
            : [
                {
                  id: 'connect',
                  status: 'failed',
                  detail: 'master: connect ECONNREFUSED',
                  fix: 'Check the address, the firewall and that the PBX runs.',
                },
              ],
          facts: {
            pbxName: 'berlin',
            pbxs: ['berlin', 'munich'],
            users: 304,
            registrations: 155,
            deviceFields: ['app', 'hw', 'text'],
            keepAliveAnswered: false,
          },
        };
        recordAudit(state, session.user.name, 'pbx.check', report.ok ? 'ok' : 'failed', {
          writeTest: body.writeTest ?? null,
        });
        return HttpResponse.json<PbxCheckReport>(report);
      },
    ),
  ];
}
