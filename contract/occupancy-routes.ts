import type { ApiRoute } from './api-route.ts';
import {
  emergencyNoticeListSchema,
  emergencyNoticeRecordSchema,
  forceLogoutRequestSchema,
  forceLogoutResponseSchema,
  occupancyResponseSchema,
  onBehalfCheckinRequestSchema,
  peopleQuerySchema,
  peopleResponseSchema,
} from './occupancy.ts';
import { checkinResponseSchema } from './checkin.ts';

/** The occupancy board: who sits where, logouts, check-in on someone's behalf (server/routes/occupancy.ts), for the OpenAPI document, the service's routes and the route tests. */
export const OCCUPANCY_ROUTES = [
  {
    method: 'GET',
    path: '/occupancy',
    summary: 'Who sits at which desk, with phone and call state',
    access: 'staff.read',
    response: occupancyResponseSchema,
  },
  {
    method: 'POST',
    path: '/occupancy/logout',
    summary: 'Log people out of desks (during a call: when it ends, unless evenDuringCall)',
    access: 'people.logout',
    body: forceLogoutRequestSchema,
    response: forceLogoutResponseSchema,
    errors: [503],
    example: { deskIds: ['5d0c7c1e-8a9f-4a57-9a51-2b4a8e0d6c11'] },
  },
  {
    method: 'GET',
    path: '/occupancy/emergency-notices',
    summary: 'The latest emergency notices to security (the webhook): delivered, retried, or given up on',
    access: 'admin',
    response: emergencyNoticeListSchema,
  },
  {
    method: 'POST',
    path: '/occupancy/emergency-notices/:id/retry',
    summary: 'Send an emergency notice that was given up on again (to the address it was made for)',
    access: 'admin',
    response: emergencyNoticeRecordSchema,
    errors: [404, 409],
  },
  {
    method: 'POST',
    path: '/occupancy/checkin',
    summary: 'Check someone else in at a desk (helpdesk, on their behalf)',
    access: 'people.checkin',
    body: onBehalfCheckinRequestSchema,
    response: checkinResponseSchema,
    errors: [404, 409, 503],
  },
  {
    method: 'GET',
    path: '/people',
    summary: 'Find PBX users by name, user name or extension',
    access: 'people.checkin',
    query: peopleQuerySchema,
    response: peopleResponseSchema,
  },
] as const satisfies readonly ApiRoute[];
