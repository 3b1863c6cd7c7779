import { contractRouter } from '../http/contract-route.ts';
import { z } from 'zod';
import { allows } from '../../contract/access.ts';
import { macSearchKey } from '../../contract/mac.ts';
import {
  deskBatchRequestSchema,
  deskDeleteQuerySchema,
  deskExportQuerySchema,
  deskImportQuerySchema,
  deskInputSchema,
  deskLabelsQuerySchema,
  deskListQuerySchema,
  deskPatchSchema,
  type DeskBatchResponse,
  type DeskListResponse,
  type LabelsAddressResponse,
} from '../../contract/desks.ts';
import { isUuid } from '../../contract/ids.ts';
import { DESK_CSV_TEMPLATE, exportDeskCsv } from '../../contract/desk-csv-export.ts';
import { importDesks, type ImportDeps } from '../desks/desk-import.ts';
import { renderLabelsPdf } from '../../contract/desk-labels.ts';
import { desksForLabels, labelFonts } from '../desks/desk-labels.ts';
import { createDesk, createDesks, deleteDesk, updateDesk, type DeskDeps } from '../desks/desk-service.ts';
import { deskTableForExport, getDesk, listDesks } from '../desks/desk-store.ts';
import { HttpError } from '../http/http-error.ts';
import { etag, expectedVersion, parseJson, parseWith } from '../http/request.ts';
import { requireSession } from '../http/session-middleware.ts';
import { inLocale, pickLocale } from '../lib/text.ts';
import { msg } from '../../i18n/message.ts';

const cursorSchema = z.tuple([z.string(), z.string().refine(isUuid)]);
const encodeCursor = (nameKey: string, id: string) => Buffer.from(JSON.stringify([nameKey, id])).toString('base64url');
function decodeCursor(cursor: string): { nameKey: string; id: string } {
  try {
    const [nameKey, id] = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { nameKey, id };
  } catch {
    throw new HttpError(400, 'bad_request', msg('api.desks.pagingCursorValidStart'));
  }
}

export function deskRoutes(deps: DeskDeps & ImportDeps & { labelsAddress: () => LabelsAddressResponse }) {
  const { router, serve } = contractRouter();

  serve('GET /desks', async (c) => {
    const query = parseWith(deskListQuerySchema, c.req.query(), msg('api.shared.invalidFilter'));
    const text = query.q?.trim();
    const desks = await listDesks(deps.db, {
      floorId: query.floorId,
      zoneId: query.zoneId,
      text,
      macHex: text === undefined ? null : macSearchKey(text),
      after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
      limit: query.limit + 1,
    });
    const page = desks.slice(0, query.limit);
    const last = page.at(-1);
    const body: DeskListResponse = {
      desks: page,
      nextCursor: desks.length > query.limit && last ? encodeCursor(last.name.toLowerCase(), last.id) : null,
    };
    return c.json(body);
  });

  // Before '/:id': these paths are not desk ids.
  serve('GET /desks/labels-address', (c) => {
    const body: LabelsAddressResponse = deps.labelsAddress();
    return c.json(body);
  });

  serve('GET /desks/labels.pdf', async (c) => {
    const query = parseWith(deskLabelsQuerySchema, c.req.query(), msg('api.desks.invalidLabelSelection'));
    const desks = await desksForLabels(deps.db, query);
    // PUBLIC_URL, else the service's own address: never what the request's Host header claims.
    const { address } = deps.labelsAddress();
    const locale = query.lang ?? pickLocale(c.req.header('accept-language'));
    const pdf = await renderLabelsPdf(desks, address, {
      locale,
      words: {
        title: inLocale(msg('contract.deskLabels.title'), locale),
        scan: inLocale(msg('contract.deskLabels.scan'), locale),
      },
      fonts: await labelFonts(),
    });
    c.header('X-Labels-Address', address);
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', 'inline; filename="desk-labels.pdf"');
    return c.body(new Uint8Array(pdf));
  });

  serve('GET /desks/export', async (c) => {
    const { separator } = parseWith(deskExportQuerySchema, c.req.query(), msg('api.desks.separatorCommaSemicolon'));
    const csv = exportDeskCsv(await deskTableForExport(deps.db), separator);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="desks-${new Date().toISOString().slice(0, 10)}.csv"`);
    return c.body(csv);
  });

  serve('GET /desks/template', (c) => {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="desks-template.csv"');
    return c.body(DESK_CSV_TEMPLATE);
  });

  serve('POST /desks/import', async (c) => {
    const query = parseWith(deskImportQuerySchema, c.req.query(), msg('api.desks.invalidImportOptions'));
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const { user } = requireSession(c);
    const result = await importDesks(
      deps,
      user.name,
      bytes,
      {
        mode: query.mode,
        dryRun: query.dryRun,
        createFloors: query.createFloors,
        confirmRemoveAll: query.confirm === 'remove-all',
        occupied: query.occupied ?? null,
        mayLogOut: allows(user.roles, 'people.logout'),
      },
      pickLocale(c.req.header('accept-language')),
    );
    return c.json(result);
  });

  serve('POST /desks', async (c) => {
    const input = await parseJson(c, deskInputSchema);
    const desk = await createDesk(deps, requireSession(c).user.name, input);
    c.header('ETag', etag(desk.version));
    return c.json(desk, 201);
  });

  serve('POST /desks/batch', async (c) => {
    const { desks: inputs } = await parseJson(c, deskBatchRequestSchema);
    const body: DeskBatchResponse = { desks: await createDesks(deps, requireSession(c).user.name, inputs) };
    return c.json(body, 201);
  });

  serve('GET /desks/:id', async (c) => {
    const desk = await getDesk(deps.db, c.req.param('id'));
    if (!desk) throw new HttpError(404, 'not_found', msg('api.desks.deskDoesExist'));
    c.header('ETag', etag(desk.version));
    return c.json(desk);
  });

  serve('PATCH /desks/:id', async (c) => {
    const version = expectedVersion(c);
    const patch = await parseJson(c, deskPatchSchema);
    const desk = await updateDesk(deps, requireSession(c).user.name, c.req.param('id'), version, patch);
    c.header('ETag', etag(desk.version));
    return c.json(desk);
  });

  serve('DELETE /desks/:id', async (c) => {
    const version = expectedVersion(c);
    const { occupied } = parseWith(deskDeleteQuerySchema, c.req.query(), msg('api.desks.occupiedMustLogoutRefuse'));
    const { user } = requireSession(c);
    await deleteDesk(deps, user, c.req.param('id'), version, occupied);
    return c.body(null, 204);
  });

  return router;
}
