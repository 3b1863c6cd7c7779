import type { ApiRoute } from './api-route.ts';
import {
  auditListResponseSchema,
  auditQuerySchema,
  healthLiveSchema,
  healthReadySchema,
  healthResponseSchema,
  myAppsChallengeResponseSchema,
  myAppsSessionResponseSchema,
  myAppsSignInRequestSchema,
  pbxHealthResponseSchema,
  sessionResponseSchema,
  signInRequestSchema,
} from './api.ts';
import { pbxCheckReportSchema, pbxCheckRequestSchema } from './pbx-check.ts';

/** Health, the PBX check, the OpenAPI document, sessions, the audit log and the event stream (server/routes/health.ts, session.ts, audit.ts, events.ts), for the OpenAPI document, the service's routes and the route tests. */
export const SYSTEM_ROUTES = [
  {
    method: 'GET',
    path: '/health',
    summary: 'Whether the service, its database and the PBX answer',
    access: 'public',
    response: healthResponseSchema,
  },
  {
    method: 'GET',
    path: '/health/live',
    summary: 'The process answers (for restarts by the orchestrator)',
    access: 'public',
    response: healthLiveSchema,
  },
  {
    method: 'GET',
    path: '/health/ready',
    summary: 'Ready for traffic: 200, or 503 while the database or the PBX is not usable and while shutting down',
    access: 'public',
    response: healthReadySchema,
  },
  {
    method: 'GET',
    path: '/health/pbx',
    summary: 'The PBX connection in detail: replica, moves, invariants',
    access: 'admin',
    response: pbxHealthResponseSchema,
  },
  {
    method: 'POST',
    path: '/pbx/check',
    summary: 'Read-only checks of the PBX connection for installers (TLS, login, grants, PBXs, myApps URL)',
    access: 'admin',
    body: pbxCheckRequestSchema,
    response: pbxCheckReportSchema,
  },
  {
    method: 'GET',
    path: '/openapi.json',
    summary: 'This document',
    access: 'public',
    response: { mediaType: 'application/json', description: 'OpenAPI 3.1' },
  },
  {
    method: 'POST',
    path: '/session',
    summary: 'Sign in with a PBX user name and password (or the local administrator)',
    access: 'public',
    body: signInRequestSchema,
    response: sessionResponseSchema,
    errors: [429, 503],
    example: { username: 'user001', password: 'demo' },
  },
  {
    method: 'POST',
    path: '/session/myapps/challenge',
    summary: 'A challenge for the myApps sign-in (AppWebsocket login of the console inside myApps)',
    access: 'public',
    response: myAppsChallengeResponseSchema,
  },
  {
    method: 'POST',
    path: '/session/myapps',
    summary: 'Sign in with the answer myApps gave to the challenge',
    access: 'public',
    body: myAppsSignInRequestSchema,
    response: myAppsSessionResponseSchema,
    errors: [429, 503],
  },
  {
    method: 'GET',
    path: '/session',
    summary: 'The signed-in user, roles and CSRF token',
    access: 'session',
    response: sessionResponseSchema,
  },
  { method: 'DELETE', path: '/session', summary: 'Sign out', access: 'session', response: null, status: 204 },
  {
    method: 'GET',
    path: '/audit',
    summary:
      'The audit log, newest first (aggregate-only mode leaves out personal check-in history); helpdesk sees only logouts and check-ins staff made for others',
    access: 'audit.read',
    query: auditQuerySchema,
    response: auditListResponseSchema,
  },
  {
    method: 'GET',
    path: '/events',
    summary:
      'Live changes as server-sent events (occupancy, desks, floors, settings; an employee: settings and their own desk)',
    access: 'events',
    response: { mediaType: 'text/event-stream', description: 'One event per change; see liveEventSchema.' },
  },
] as const satisfies readonly ApiRoute[];
