import { contractRouter } from '../http/contract-route.ts';
import type { HealthResponse, PbxHealthResponse } from '../../contract/api.ts';
import { pbxCheckRequestSchema } from '../../contract/pbx-check.ts';
import { recordAudit } from '../audit/audit.ts';
import type { DeskOccupancyService } from '../occupancy/desk-occupancy.ts';
import { databaseAnswers, type Db } from '../db/db.ts';
import { parseJson } from '../http/request.ts';
import { requireSession } from '../http/session-middleware.ts';
import type { Pbx } from '../pbx/pbx.ts';
import { VERSION } from '../lib/version.ts';

export interface Lifecycle {
  draining: () => boolean;
  /** Whether this instance does the background work. */
  leads: () => boolean;
  /** Why this instance should not get traffic now (empty: ready). */
  ready: () => Promise<string[]>;
}

export interface HealthDeps {
  db: Db;
  pbx: Pbx;
  occupancy: DeskOccupancyService;
  lifecycle: Lifecycle;
  publicUrl: string | undefined;
}

/**
 * /api/v1/health (what people and the console see), /health/live (the process answers: for restarts),
 * /health/ready (database and PBX usable, not draining: for load balancers), /health/pbx and /pbx/check
 * (administrators).
 */
export function healthRoutes({ db, pbx, occupancy, lifecycle, publicUrl }: HealthDeps) {
  const { router, serve } = contractRouter();
  serve('GET /health', async (c) => {
    const dbState: HealthResponse['db'] = (await databaseAnswers(db)) ? 'ok' : 'error';
    const status = pbx.status();
    const pbxs = status.pbxs.map(({ name, master, state }) => ({ name, master, state }));
    const body: HealthResponse = {
      status: dbState === 'ok' && pbxs.every((link) => link.state === 'connected') ? 'ok' : 'degraded',
      db: dbState,
      pbx: status.state,
      pbxs,
      version: VERSION,
      leader: lifecycle.leads(),
    };
    return c.json(body);
  });
  serve('GET /health/live', (c) => c.json({ status: 'live', version: VERSION }));
  serve('GET /health/ready', async (c) => {
    const reasons = await lifecycle.ready();
    if (lifecycle.draining()) c.header('Connection', 'close');
    return c.json({ ready: reasons.length === 0, reasons }, reasons.length === 0 ? 200 : 503);
  });
  serve('GET /health/pbx', async (c) => {
    const body: PbxHealthResponse = {
      ...pbx.status(),
      invariants: await pbx.checkInvariants(await occupancy.expectedHolders()),
    };
    return c.json(body);
  });
  // Read-only checks of the PBX connection for installers (the same as `npm run pbx-check`).
  serve('POST /pbx/check', async (c) => {
    const { writeTest } = await parseJson(c, pbxCheckRequestSchema);
    const report = await pbx.checkConnection({
      ...(writeTest === undefined ? {} : { writeTest }),
      ...(publicUrl === undefined ? {} : { publicUrl }),
    });
    await recordAudit(db, {
      actor: requireSession(c).user.name,
      action: 'pbx.check',
      result: report.ok ? 'ok' : 'failed',
      detail: {
        writeTest: writeTest ?? null,
        failed: report.items.filter((item) => item.status === 'failed').map((item) => item.id),
      },
    });
    return c.json(report);
  });
  return router;
}
