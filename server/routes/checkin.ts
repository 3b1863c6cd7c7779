import { contractRouter } from '../http/contract-route.ts';
import { type Context } from 'hono';
import {
  deskSuggestionsQuerySchema,
  checkinRequestSchema,
  createTokenRequestSchema,
  phonePinRequestSchema,
  type MyDeskResponse,
} from '../../contract/checkin.ts';
import { settingsValuesSchema } from '../../contract/settings.ts';
import type { DeskOccupancyService } from '../occupancy/desk-occupancy.ts';
import { deletePhonePin, hasPhonePin, setPhonePin } from '../occupancy/keypad.ts';
import { createToken, listTokens, revokeToken, userForToken } from '../occupancy/tokens.ts';
import type { Db } from '../db/db.ts';
import { suggestDeskNames } from '../desks/desk-store.ts';
import { HttpError } from '../http/http-error.ts';
import { etag, expectedVersion, parseJson, parseWith } from '../http/request.ts';
import { requireSession, type AppEnv } from '../http/session-middleware.ts';
import type { SettingsStore } from '../settings/settings-service.ts';
import { msg } from '../../i18n/message.ts';

export interface CheckinDeps {
  db: Db;
  occupancy: DeskOccupancyService;
  settings: SettingsStore;
}

/** The employee's side: check-in (session or personal token), check-out, where am I, tokens. */
export function checkinRoutes(deps: CheckinDeps) {
  const { router, serve } = contractRouter();

  /** A personal check-in token is accepted here and nowhere else; otherwise a signed-in employee. */
  const checkinUser = async (c: Context<AppEnv>): Promise<{ name: string; via: 'console' | 'token' }> => {
    const authorization = c.req.header('authorization');
    if (c.get('session') === null && authorization?.startsWith('Bearer ')) {
      const name = await userForToken(deps.db, authorization.slice(7).trim());
      if (!name) throw new HttpError(401, 'unauthenticated', msg('api.checkin.checkTokenValidAny'));
      return { name, via: 'token' };
    }
    const session = requireSession(c);
    if (!session.user.roles.includes('user')) throw new HttpError(403, 'forbidden', msg('api.shared.onlyPbxUsersCan'));
    return { name: session.user.name, via: 'console' };
  };

  serve('POST /checkin', async (c) => {
    const user = await checkinUser(c);
    const request = await parseJson(c, checkinRequestSchema);
    return c.json(await deps.occupancy.checkin(user.name, request, user.via));
  });

  serve('POST /checkout', async (c) => {
    const left = await deps.occupancy.checkout(requireSession(c).user.name);
    return c.json({ checkedOut: left.length });
  });

  serve('GET /me/desk', async (c) => {
    const settings = await deps.settings.get();
    const name = requireSession(c).user.name;
    const body: MyDeskResponse = {
      sessions: await deps.occupancy.mySessions(name),
      pbxDownSince: deps.occupancy.pbxDownSince(),
      loginMethods: settings.loginMethods,
      keypad: {
        extension: await deps.occupancy.extensionOf(name),
        pinSet: await hasPhonePin(deps.db, name),
        ...settings.keypad,
      },
    };
    return c.json(body);
  });

  serve('PUT /me/phone-pin', async (c) => {
    const { pin } = await parseJson(c, phonePinRequestSchema);
    const name = requireSession(c).user.name;
    // The first thing anyone at a desk phone would try for a person: their own extension.
    if (pin === (await deps.occupancy.extensionOf(name)))
      throw new HttpError(400, 'bad_request', msg('api.checkin.pinMustExtension'), {
        pin: msg('api.checkin.extensionChooseDigitsOthers'),
      });
    await setPhonePin(deps.db, name, pin);
    return c.body(null, 204);
  });

  serve('DELETE /me/phone-pin', async (c) => {
    await deletePhonePin(deps.db, requireSession(c).user.name);
    return c.body(null, 204);
  });

  serve('GET /me/desk-suggestions', async (c) => {
    const { q } = parseWith(deskSuggestionsQuerySchema, c.req.query(), msg('api.shared.invalidSearch'));
    const settings = await deps.settings.get();
    if (!settings.loginMethods.desk || q.length === 0) return c.json({ names: [] });
    return c.json({ names: await suggestDeskNames(deps.db, q) });
  });

  serve('GET /me/tokens', async (c) => c.json({ tokens: await listTokens(deps.db, requireSession(c).user.name) }));

  serve('POST /me/tokens', async (c) => {
    const { label } = await parseJson(c, createTokenRequestSchema);
    const { tokens } = await deps.settings.get();
    return c.json(await createToken(deps.db, requireSession(c).user.name, label, tokens.lifetimeDays), 201);
  });

  serve('DELETE /me/tokens/:id', async (c) => {
    await revokeToken(deps.db, requireSession(c).user.name, c.req.param('id'));
    return c.body(null, 204);
  });

  serve('GET /settings', async (c) => {
    const settings = await deps.settings.get();
    c.header('ETag', etag(settings.version));
    return c.json(settings);
  });

  serve('PUT /settings', async (c) => {
    const version = expectedVersion(c);
    const values = await parseJson(c, settingsValuesSchema);
    const settings = await deps.settings.update(requireSession(c).user.name, version, values);
    c.header('ETag', etag(settings.version));
    return c.json(settings);
  });

  return router;
}
