import { http, HttpResponse } from 'msw';
import type { EmergencyNoticeRecord } from '../../contract/occupancy.ts';
import type { MockOccupancyState } from './checkin.ts';
import { fail, publish, recordAudit, said } from './kit.ts';
import { mockAccess, type MockApiState } from './session.ts';

/** The demo's notices: yesterday's emergency call, delivered to security at the first try. */
export function demoNotices(now: number, desk: string): EmergencyNoticeRecord[] {
  const at = new Date(now - 26 * 3_600_000).toISOString();
  return [
    {
      id: '1',
      desk,
      number: '112',
      at,
      url: 'https://security.demo.example/hooks/emergency',
      state: 'delivered',
      attempts: 1,
      lastError: null,
      nextAttemptAt: null,
      doneAt: at,
    },
  ];
}

/** GET /occupancy/emergency-notices and POST …/:id/retry (administrators), over the mock's notices. */
export function noticeHandlers(state: MockApiState, occupancy: MockOccupancyState, baseUrl: string) {
  const api = (path: string) => `${baseUrl}/api/v1${path}`;
  return [
    http.get(api('/occupancy/emergency-notices'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'admin');
      if (refused) return refused;
      return HttpResponse.json({ notices: occupancy.notices });
    }),
    http.post(api('/occupancy/emergency-notices/:id/retry'), ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'admin');
      if (refused) return refused;
      const notice = occupancy.notices.find((candidate) => candidate.id === params.id);
      if (!notice) return fail(404, 'not_found', said('api.emergencyNotices.thereSuchEmergencyNotice'));
      if (notice.state !== 'failed')
        return fail(409, 'notice_not_failed', said('api.emergencyNotices.noticeBeingSentArrived'));
      // The demo's receiver answers now: the notice arrives.
      Object.assign(notice, {
        state: 'delivered',
        attempts: notice.attempts + 1,
        lastError: null,
        nextAttemptAt: null,
        doneAt: new Date().toISOString(),
      } satisfies Partial<EmergencyNoticeRecord>);
      recordAudit(state, session.user.name, 'emergency.notifyRetry', 'ok', { id: notice.id }, notice.desk);
      publish(state, { type: 'occupancy', deskIds: [] });
      return HttpResponse.json(notice);
    }),
    http.get(api('/emergencies'), ({ request, cookies }) => {
      const { refused } = mockAccess(state, { request, cookies }, 'emergency.alerts');
      if (refused) return refused;
      return HttpResponse.json({ alerts: occupancy.alerts.filter((alert) => alert.acknowledgedAt === null) });
    }),
    http.post(api('/emergencies/:id/acknowledge'), ({ request, params, cookies }) => {
      const { refused, session } = mockAccess(state, { request, cookies }, 'emergency.alerts');
      if (refused) return refused;
      const alert = occupancy.alerts.find((candidate) => candidate.id === params.id);
      if (!alert) return fail(404, 'not_found', said('api.emergencies.thereSuchEmergencyCall'));
      if (alert.acknowledgedAt === null) {
        alert.acknowledgedBy = session.user.name;
        alert.acknowledgedAt = new Date().toISOString();
        recordAudit(state, session.user.name, 'emergency.acknowledge', 'ok', { number: alert.number }, alert.deskName);
        publish(state, { type: 'emergency' });
      }
      return HttpResponse.json(alert);
    }),
  ];
}
