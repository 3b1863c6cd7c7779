import type { ApiRoute } from './api-route.ts';
import { emergencyAlertListSchema, emergencyAlertSchema } from './occupancy.ts';

/** The emergency alert's endpoints (server/routes/emergencies.ts), for the OpenAPI document and the route tests. */
export const EMERGENCY_ROUTES = [
  {
    method: 'GET',
    path: '/emergencies',
    summary:
      'The emergency calls not yet acknowledged, newest first: who called (or a free desk), the callback number, site address, floor, desk and time',
    access: 'emergency.alerts',
    response: emergencyAlertListSchema,
  },
  {
    method: 'POST',
    path: '/emergencies/:id/acknowledge',
    summary: 'Acknowledge an emergency alert (audited; once: a second acknowledgement changes nothing)',
    access: 'emergency.alerts',
    response: emergencyAlertSchema,
    errors: [404],
  },
] as const satisfies readonly ApiRoute[];
