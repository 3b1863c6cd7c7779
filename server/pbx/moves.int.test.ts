import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_APP, demoCompany, seededRandom } from '../../sim/demo-company.ts';
import { PbxSimulator } from '../../sim/simulator.ts';
import { openPbxAdmin, waitFor } from '../../test/service-harness.ts';
import { InnovaphonePbx } from './innovaphone.ts';
import { PbxMoveError } from './pbx.ts';
import { MemoryMoveJournal, type MoveJournal } from './move-journal.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const device = { text: 'Hotdesk', app: 'phone' };

async function setup(options: { registrationDelayMs?: number; journal?: MoveJournal; keepAliveMs?: number } = {}) {
  const company = demoCompany();
  const simulator = new PbxSimulator(company, {
    port: 0,
    registrationDelayMs: options.registrationDelayMs ?? 30,
    faultSeed: 42,
  });
  await simulator.start();
  cleanups.push(() => simulator.stop());
  const journal = options.journal ?? new MemoryMoveJournal();
  const pbx = connect(simulator, journal, options.keepAliveMs);
  await waitFor(() => pbx.status().state === 'connected');
  const guid = (h323: string) => {
    const user = simulator.user(h323);
    if (!user) throw new Error(`no ${h323}`);
    return user.guid;
  };
  return { company, simulator, pbx, journal, guid };
}

function connect(simulator: PbxSimulator, journal: MoveJournal, keepAliveMs?: number): InnovaphonePbx {
  const pbx = new InnovaphonePbx({
    ...(keepAliveMs === undefined ? {} : { liveness: { intervalMs: keepAliveMs, timeoutMs: keepAliveMs } }),
    url: simulator.url,
    app: DEMO_APP.name,
    password: DEMO_APP.password,
    journal,
    requestTimeoutMs: 5000,
    reconnectInitialMs: 10,
    reconnectMaxMs: 50,
  });
  pbx.start();
  cleanups.push(() => pbx.stop());
  return pbx;
}

/** The simulator's own truth: no hardware id on two objects. */
function expectNoDuplicates(simulator: PbxSimulator) {
  const doubles = [...simulator.holders()].filter(([, holders]) => holders.length > 1);
  expect(doubles).toEqual([]);
}

describe('moving a desk phone between PBX users', () => {
  it('moves the MAC, keeps the device text and app, and the phone registers to the new user', async () => {
    const { simulator, pbx, guid, company } = await setup();
    const mac = company.phones[0]?.mac ?? '';
    const from = pbx.holderOf(mac)?.guid ?? null;
    expect(from).not.toBeNull();
    await pbx.moveDevice({ mac, from, to: guid('user100'), device });
    expect(simulator.user('user100')?.devices).toContainEqual({ hw: mac, text: 'Hotdesk', app: 'phone' });
    expect(pbx.holderOf(mac)?.name).toBe('user100');
    expectNoDuplicates(simulator);
    await waitFor(() => pbx.registeredTo(mac) === guid('user100'));
    expect(simulator.registeredTo(mac)).toBe(guid('user100'));
  });

  it('takes a free phone, and removes it again (the phone unregisters)', async () => {
    const { simulator, pbx, guid, company } = await setup();
    const mac = company.phones.find((phone) => pbx.holderOf(phone.mac) === null && phone.online)?.mac ?? '';
    await pbx.moveDevice({ mac, from: null, to: guid('user200'), device });
    await waitFor(() => pbx.registeredTo(mac) === guid('user200'));
    await pbx.moveDevice({ mac, from: guid('user200'), to: null, device });
    expect(simulator.user('user200')?.devices.map((entry) => entry.hw)).toEqual(['softphone-user200']);
    await waitFor(() => pbx.registeredTo(mac) === null);
  });

  it('does not register a phone that is switched off, and registers it once it is on', async () => {
    const { simulator, pbx, guid, company } = await setup();
    const offline = company.phones.find((phone) => !phone.online && pbx.holderOf(phone.mac) === null)?.mac ?? '';
    await pbx.moveDevice({ mac: offline, from: null, to: guid('user210'), device });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(pbx.registeredTo(offline)).toBeNull();
    simulator.setPhoneOnline(offline, true);
    await waitFor(() => pbx.registeredTo(offline) === guid('user210'));
  });

  it('refuses a move whose "from" is stale, changing nothing', async () => {
    const { simulator, pbx, guid, company } = await setup();
    const mac = company.phones[1]?.mac ?? '';
    const before = simulator.holders().get(mac);
    await expect(pbx.moveDevice({ mac, from: guid('user250'), to: guid('user251'), device })).rejects.toMatchObject({
      code: 'conflict',
      undone: true,
    });
    expect(simulator.holders().get(mac)).toEqual(before);
  });

  it('puts the phone back on its previous user, exactly as it was, when the PBX refuses the second step', async () => {
    const { simulator, pbx, guid, company } = await setup();
    const mac = company.phones[2]?.mac ?? '';
    const from = pbx.holderOf(mac);
    const original = simulator.user(from?.name ?? '')?.devices;
    simulator.setFaults({ refuseUpdatesTo: [guid('user120')] });
    await expect(pbx.moveDevice({ mac, from: from?.guid ?? null, to: guid('user120'), device })).rejects.toMatchObject({
      code: 'refused',
      undone: true,
    });
    expect(simulator.user(from?.name ?? '')?.devices).toEqual(original);
    expect(simulator.user('user120')?.devices.some((entry) => entry.hw === mac)).toBe(false);
    expect(await pbx.checkInvariants()).toMatchObject({ ok: true, pendingMoves: 0 });
  });

  it('repairs a move cut off by a crash, after the restart', async () => {
    const journal = new MemoryMoveJournal();
    const { simulator, pbx, guid, company } = await setup({ journal });
    const mac = company.phones[3]?.mac ?? '';
    const from = pbx.holderOf(mac);
    const original = simulator.user(from?.name ?? '')?.devices;
    // The removal is written, then every connection drops before the answer: half a move.
    simulator.setFaults({ dropAfterUpdate: 1 });
    await expect(pbx.moveDevice({ mac, from: from?.guid ?? null, to: guid('user130'), device })).rejects.toMatchObject({
      code: 'unavailable',
      undone: false,
    });
    await pbx.stop();
    simulator.setFaults({ dropAfterUpdate: 0 });
    expect(simulator.holders().get(mac)).toBeUndefined();
    expect(await journal.pending()).toHaveLength(1);

    const restarted = connect(simulator, journal);
    await waitFor(() => restarted.status().state === 'connected');
    await waitFor(async () => (await journal.pending()).length === 0);
    expect(simulator.user(from?.name ?? '')?.devices).toEqual(original);
    expect(journal.finished.at(-1)?.outcome).toBe('undone');
  });

  it('keeps every other device entry and every field through check-in, check-out, a crash mid-move and the repair', async () => {
    const journal = new MemoryMoveJournal();
    const { simulator, pbx, guid, company } = await setup({ journal });
    // user140's second phone: Single Registration, Media Relay, a VoIP profile, a gatekeeper and a field we do not know.
    const kept = [
      { hw: 'softphone-user140', text: 'Softphone', app: 'softphone' },
      {
        hw: '009033ffee01',
        text: 'Home office',
        app: 'phone',
        tls: true,
        sreg: true,
        mr: true,
        voip: 'G722',
        'gk-id': 'gk2',
        prim: 'pbx2',
        'x-future': 'keep me',
      },
    ];
    const admin = await openPbxAdmin(simulator.url);
    cleanups.push(() => Promise.resolve(admin.close()));
    await admin.request('PbxAdminApi', 'UpdateObject', { guid: guid('user140'), devices: kept });
    await waitFor(() => pbx.userByGuid(guid('user140'))?.devices.length === 2);
    const others = () =>
      simulator.user('user140')?.devices.filter((entry) => !company.phones.some((phone) => phone.mac === entry.hw));
    const mac = company.phones.find((phone) => pbx.holderOf(phone.mac) === null)?.mac ?? '';

    await pbx.moveDevice({ mac, from: null, to: guid('user140'), device });
    expect(others()).toEqual(kept);
    await pbx.moveDevice({ mac, from: guid('user140'), to: null, device });
    expect(simulator.user('user140')?.devices).toEqual(kept);

    // Half a move, from user141 to user140: written, then every connection drops before the answer.
    await pbx.moveDevice({ mac, from: null, to: guid('user141'), device });
    simulator.setFaults({ dropAfterUpdate: 1 });
    await expect(pbx.moveDevice({ mac, from: guid('user141'), to: guid('user140'), device })).rejects.toMatchObject({
      code: 'unavailable',
    });
    simulator.setFaults({ dropAfterUpdate: 0 });
    await pbx.stop();
    const restarted = connect(simulator, journal);
    await waitFor(() => restarted.status().state === 'connected');
    await waitFor(async () => (await journal.pending()).length === 0);
    expect(simulator.user('user140')?.devices).toEqual(kept);
    await restarted.moveDevice({ mac, from: guid('user141'), to: guid('user140'), device });
    expect(others()).toEqual(kept);
    expect(simulator.user('user140')?.devices).toContainEqual({ hw: mac, ...device });
  });

  it('keeps every MAC on exactly one object through 500 moves with refusals and dropped connections', async () => {
    const { simulator, pbx, company, guid } = await setup({ registrationDelayMs: 5 });
    const random = seededRandom(500);
    const macs = company.phones.slice(0, 40).map((phone) => phone.mac);
    const people = Array.from({ length: 60 }, (_, index) => guid(`user${String(index + 101).padStart(3, '0')}`));
    // Start from a known state: every one of the 40 phones on somebody.
    const holder = new Map<string, string>();
    for (const [index, mac] of macs.entries()) {
      const current = pbx.holderOf(mac)?.guid ?? null;
      const target = people[index] ?? '';
      if (current !== target) await pbx.moveDevice({ mac, from: current, to: target, device });
      holder.set(mac, target);
    }
    simulator.setFaults({ refuseUpdates: 0.1, dropAfterUpdate: 0.03 });
    const outcomes = { done: 0, undone: 0, repaired: 0 };
    for (let move = 0; move < 500; move += 1) {
      const mac = macs[Math.floor(random() * macs.length)] ?? '';
      const from = holder.get(mac) ?? null;
      const candidates = people.filter((person) => ![...holder.values()].includes(person));
      const to = candidates[Math.floor(random() * candidates.length)] ?? null;
      await waitFor(() => pbx.status().state === 'connected');
      try {
        await pbx.moveDevice({ mac, from, to, device });
        holder.set(mac, to ?? '');
        outcomes.done += 1;
      } catch (error) {
        if (!(error instanceof PbxMoveError)) throw error;
        if (error.undone) {
          outcomes.undone += 1;
        } else {
          // Cut off mid-move: the repair closes it, one way or the other, once the PBX lets it.
          await waitFor(async () => (await pbx.checkInvariants()).pendingMoves === 0, 10_000);
          const now = simulator.holders().get(mac) ?? [];
          expect([[from], [to]]).toContainEqual(now);
          holder.set(mac, now[0] ?? '');
          outcomes.repaired += 1;
        }
      }
      expectNoDuplicates(simulator);
      expect(simulator.holders().get(mac)).toEqual([holder.get(mac)]);
    }
    simulator.setFaults({ refuseUpdates: 0, dropAfterUpdate: 0 });
    await waitFor(() => pbx.status().state === 'connected');
    for (const mac of macs) expect(simulator.holders().get(mac)).toEqual([holder.get(mac)]);
    const report = await pbx.checkInvariants(new Map(macs.map((mac) => [mac, holder.get(mac) ?? ''])));
    expect(report).toEqual({ ok: true, duplicateMacs: [], sessionMismatches: [], pendingMoves: 0 });
    expect(outcomes.done + outcomes.undone + outcomes.repaired).toBe(500);
    expect(outcomes.undone).toBeGreaterThan(10);
    expect(outcomes.repaired).toBeGreaterThan(3);
  }, 120_000);

  it('notices a hung PBX by its unanswered ping, refuses moves meanwhile, and repairs a timed-out move once it answers', async () => {
    const { simulator, pbx, guid, company, journal } = await setup({ keepAliveMs: 200 });
    const mac = company.phones[0]?.mac ?? '';
    const from = pbx.holderOf(mac)?.guid ?? null;
    expect(from).not.toBeNull();
    // The PBX takes the first write (the phone leaves its holder), then stops before it answers.
    simulator.setFaults({ pauseAfterUpdate: 1 });
    const timedOut: unknown = await pbx.moveDevice({ mac, from, to: guid('user150'), device }).catch((error) => error);
    expect(timedOut).toMatchObject({ code: 'unavailable' });
    expect(await journal.pending()).toHaveLength(1);
    await waitFor(() => pbx.status().state === 'unresponsive');
    expect(pbx.status().lastError).toMatch(/has not answered/);
    await expect(
      pbx.moveDevice({ mac: company.phones[1]?.mac ?? '', from: null, to: guid('user151'), device }),
    ).rejects.toMatchObject({
      code: 'unavailable',
    });

    simulator.setFaults({ paused: false, pauseAfterUpdate: 0 });
    await waitFor(() => pbx.status().state === 'connected');
    await waitFor(async () => (await journal.pending()).length === 0);
    // Removed and never added: put back on its holder, exactly once.
    expect(simulator.holders().get(mac.toLowerCase())).toEqual([from]);
    expectNoDuplicates(simulator);
  });
});
