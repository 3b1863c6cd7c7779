import type { ApiRoute } from './api-route.ts';
import { settingsSchema, settingsValuesSchema } from './settings.ts';

/** The administrator's settings (server/routes/checkin.ts), for the OpenAPI document, the service's routes and the route tests. */
export const SETTINGS_ROUTES = [
  {
    method: 'GET',
    path: '/settings',
    summary: 'The settings (ETag: their version)',
    access: 'staff.read',
    response: settingsSchema,
  },
  {
    method: 'PUT',
    path: '/settings',
    summary: 'Replace the settings',
    access: 'admin',
    body: settingsValuesSchema,
    response: settingsSchema,
    ifMatch: true,
    errors: [409],
  },
] as const satisfies readonly ApiRoute[];
