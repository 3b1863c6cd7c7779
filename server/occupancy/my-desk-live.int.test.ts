import { afterEach, describe, expect, it } from 'vitest';
import { forceLogoutResponseSchema, occupancyResponseSchema } from '../../contract/occupancy.ts';
import { myDeskResponseSchema } from '../../contract/checkin.ts';
import type { TestClient } from '../../test/http-client.ts';
import { waitFor } from '../../test/service-harness.ts';
import { checkin, closeHarness, company, setup } from '../../test/occupancy-fixture.ts';

afterEach(closeHarness);

const deskName = (index: number) => `D-${String(index).padStart(3, '0')}`;
const macOf = (index: number) => company.phones[index]?.mac ?? '';

/** A console's event stream, read in the background: the `change` events so far, and whether it is open. */
function listen(url: string, client: TestClient) {
  const controller = new AbortController();
  const changes: unknown[] = [];
  const opened = { ready: false };
  let buffer = '';
  void fetch(`${url}/api/v1/events`, { headers: { Cookie: client.cookieHeader() }, signal: controller.signal })
    .then(async (response) => {
      const reader = response.body?.getReader();
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += new TextDecoder().decode(chunk.value);
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          if (/^event: ready$/m.test(block)) opened.ready = true;
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (/^event: change$/m.test(block) && data) changes.push(JSON.parse(data));
        }
      }
    })
    .catch(() => undefined);
  return { changes, opened, stop: () => controller.abort() };
}

/**
 * An employee's open My desk page follows their own desk (issue 31): whatever ends or starts their session — a
 * helpdesk logout, the phone's keypad, someone taking the desk over — reaches their stream at once, and
 * nobody else's.
 */
describe('my own desk, live', () => {
  it('tells a person, and only them, when helpdesk logs them out or someone takes their desk', async () => {
    const { harness, as, free } = await setup();
    const desk = free(0);
    const eva = await as('user150');
    const tom = await as('user151');
    expect((await checkin(eva, 'desk', deskName(desk))).status).toBe(200);
    const evaStream = listen(harness.service.url, eva);
    const tomStream = listen(harness.service.url, tom);
    await waitFor(() => harness.simulator.registeredTo(macOf(desk)) !== undefined);

    const helpdesk = await as('helpdesk');
    const board = occupancyResponseSchema.parse((await helpdesk.request('GET', '/occupancy')).body);
    const row = board.desks.find((candidate) => candidate.deskName === deskName(desk));
    const logout = forceLogoutResponseSchema.parse(
      (await helpdesk.request('POST', '/occupancy/logout', { body: { deskIds: [row?.deskId ?? ''] } })).body,
    );
    expect(logout.results[0]?.status).toBe('logged_out');
    await waitFor(() => evaStream.changes.some((change) => JSON.stringify(change).includes('"type":"me"')));
    expect(evaStream.changes.filter((change) => JSON.stringify(change).includes('"type":"me"'))[0]).toEqual({
      type: 'me',
      users: ['user150'],
    });
    // An employee's stream carries nothing else of the board.
    expect(
      evaStream.changes.every((change) => ['me', 'settings', 'pbx'].includes((change as { type: string }).type)),
    ).toBe(true);

    // Tom checks in there, Eva takes the desk over: both are told, each about themselves.
    expect((await checkin(tom, 'desk', deskName(desk))).status).toBe(200);
    const evaBefore = evaStream.changes.length;
    expect((await checkin(eva, 'desk', deskName(desk), true)).status).toBe(200);
    await waitFor(() => evaStream.changes.length > evaBefore);
    await waitFor(() => tomStream.changes.filter((change) => (change as { type: string }).type === 'me').length >= 2);
    expect(tomStream.changes.every((change) => JSON.stringify(change) === '{"type":"me","users":["user151"]}')).toBe(
      true,
    );
    evaStream.stop();
    tomStream.stop();
  });
});

/**
 * The PBX going away reaches every open console at once (issue 31, 14): the header checked health only every
 * 10 s, so it said "PBX connected" long after the PBX had gone. Employees hear of it too: My desk then says
 * that what it shows is as of when the connection was lost.
 */
describe('the PBX going away and coming back', () => {
  it('reaches every open console at once, and My desk and the board say since when what they show is old', async () => {
    const { harness, as } = await setup();
    const eva = await as('user150');
    const helpdesk = await as('helpdesk');
    const evaStream = listen(harness.service.url, eva);
    const staffStream = listen(harness.service.url, helpdesk);
    const pbxEvents = (stream: { changes: unknown[] }) =>
      stream.changes.filter((change) => (change as { type: string }).type === 'pbx').length;
    const myDesk = async () => myDeskResponseSchema.parse((await eva.request('GET', '/me/desk')).body);
    expect((await myDesk()).pbxDownSince).toBeNull();
    // Wait until both streams are open: a change is only seen by a stream that is there.
    await waitFor(() => evaStream.opened.ready && staffStream.opened.ready);

    await harness.simulator.stop();
    await waitFor(() => pbxEvents(evaStream) >= 1 && pbxEvents(staffStream) >= 1);
    const since = (await myDesk()).pbxDownSince;
    expect(since).not.toBeNull();
    // It is when the first connection was lost, whatever the reconnect attempts did since.
    const lost = harness.service.pbx.status().pbxs.map((link) => link.downSince ?? '');
    expect(since).toBe([...lost].sort()[0]);
    const board = occupancyResponseSchema.parse((await helpdesk.request('GET', '/occupancy')).body);
    expect(board.pbxDownSince).toBe(since);

    const seen = pbxEvents(evaStream);
    await harness.simulator.start();
    await waitFor(async () => pbxEvents(evaStream) > seen && (await myDesk()).pbxDownSince === null);
    evaStream.stop();
    staffStream.stop();
  });
});
