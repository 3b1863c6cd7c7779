import type { ApiRoute } from './api-route.ts';
import {
  checkinRequestSchema,
  checkinResponseSchema,
  checkinTokenSchema,
  createTokenRequestSchema,
  createdTokenSchema,
  deskSuggestionsQuerySchema,
  deskSuggestionsSchema,
  myDeskResponseSchema,
  phonePinRequestSchema,
} from './checkin.ts';
import { z } from './zod.ts';

const tokens = z.object({ tokens: z.array(checkinTokenSchema) });
const checkedOut = z.object({ checkedOut: z.number().int() });

/** An employee's own desk: check-in and out, tokens, the phone PIN (server/routes/checkin.ts), for the OpenAPI document, the service's routes and the route tests. */
export const CHECKIN_ROUTES = [
  {
    method: 'POST',
    path: '/checkin',
    summary: 'Check oneself in at a desk, by desk, computer or thin-client name (also with a check-in token)',
    access: 'checkin',
    body: checkinRequestSchema,
    response: checkinResponseSchema,
    errors: [404, 409, 503],
    example: { method: 'computer', value: 'PC-B1-042' },
  },
  {
    method: 'POST',
    path: '/checkout',
    summary: 'Check oneself out of every desk',
    access: 'self.checkin',
    response: checkedOut,
    errors: [503],
  },
  {
    method: 'GET',
    path: '/me/desk',
    summary: "One's desks, the login methods offered, the keypad codes",
    access: 'self.checkin',
    response: myDeskResponseSchema,
  },
  {
    method: 'GET',
    path: '/me/desk-suggestions',
    summary: 'Desk names starting with what was typed',
    access: 'self.checkin',
    query: deskSuggestionsQuerySchema,
    response: deskSuggestionsSchema,
  },
  {
    method: 'GET',
    path: '/me/tokens',
    summary: "One's check-in tokens (for logon scripts)",
    access: 'self.checkin',
    response: tokens,
  },
  {
    method: 'POST',
    path: '/me/tokens',
    summary: 'Create a check-in token; it is shown once',
    access: 'self.checkin',
    body: createTokenRequestSchema,
    response: createdTokenSchema,
    status: 201,
    example: { label: 'Logon script' },
  },
  {
    method: 'DELETE',
    path: '/me/tokens/:id',
    summary: 'Revoke a check-in token',
    access: 'self.checkin',
    response: null,
    status: 204,
    errors: [404],
  },
  {
    method: 'PUT',
    path: '/me/phone-pin',
    summary: 'Set the PIN for checking in on a desk phone’s keypad',
    access: 'self.checkin',
    body: phonePinRequestSchema,
    response: null,
    status: 204,
    example: { pin: '4711' },
  },
  {
    method: 'DELETE',
    path: '/me/phone-pin',
    summary: 'Remove the keypad PIN',
    access: 'self.checkin',
    response: null,
    status: 204,
  },
] as const satisfies readonly ApiRoute[];
