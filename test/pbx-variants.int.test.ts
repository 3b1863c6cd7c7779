import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_APP, demoCompany } from '../sim/demo-company.ts';
import { behaviourVariants, type SimBehaviour } from '../sim/sim-behaviour.ts';
import { PbxSimulator } from '../sim/simulator.ts';
import { AppWebsocketConnection } from '../server/pbx/app-websocket.ts';
import { InnovaphonePbx } from '../server/pbx/innovaphone.ts';
import type { PbxState } from '../contract/api.ts';
import { waitFor } from './service-harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const device = { text: 'Hotdesk', app: 'phone' };

/**
 * The adapter against the simulator in the documented default and in every variant of what innovaphone leaves
 * open (sim/sim-behaviour.ts), with the demo's two PBXs: Berlin the master, Munich a slave.
 */
async function system(behaviour: Partial<SimBehaviour>) {
  const company = demoCompany();
  const simulator = new PbxSimulator(company, { port: 0, behaviour, registrationDelayMs: 10, answerDelayMs: 20 });
  await simulator.start();
  cleanups.push(() => simulator.stop());
  const pbx = new InnovaphonePbx({
    url: simulator.url,
    slaveUrls: simulator.slaveUrls,
    app: DEMO_APP.name,
    password: DEMO_APP.password,
    requestTimeoutMs: 10_000,
    reconnectInitialMs: 20,
    reconnectMaxMs: 100,
    liveness: { intervalMs: 50, timeoutMs: 5000, keepAliveMs: 50 },
  });
  const states: PbxState[] = [];
  pbx.onStatusChange((status) => {
    for (const link of status.pbxs) states.push(link.state);
  });
  pbx.start();
  cleanups.push(() => pbx.stop());
  await waitFor(() => {
    const status = pbx.status();
    return status.state === 'connected' && status.registrationsLoaded && status.callsWatched;
  });
  const admin = await AppWebsocketConnection.open(
    simulator.url,
    { app: DEMO_APP.name, domain: '', sip: '', guid: '', dn: '' },
    DEMO_APP.password,
    { timeoutMs: 10_000 },
  );
  cleanups.push(() => Promise.resolve(admin.close()));
  const guid = (h323: string) => simulator.user(h323)?.guid ?? '';
  return { company, simulator, pbx, states, admin, guid };
}

const variants = [{ name: 'as documented', behaviour: {} }, ...behaviourVariants];

describe.each(variants)('the adapter with a PBX that behaves: $name', ({ behaviour }) => {
  it('stays connected, reads people only, moves phones keeping every field, and sees registrations and calls on every PBX', async () => {
    const { company, simulator, pbx, states, admin, guid } = await system(behaviour);

    // Liveness: pinged many times, never taken for dead (whether or not KeepAlive is answered).
    const pongs = simulator.pongs;
    await waitFor(() => simulator.pongs >= pongs + 10);
    expect(states).not.toContain('unresponsive');
    expect(pbx.status().pbxs.map((link) => [link.name, link.master, link.state])).toEqual([
      ['berlin', true, 'connected'],
      ['munich', false, 'connected'],
    ]);
    expect(pbx.status().unreached).toEqual([]);

    // People: users and executives, never the App object or other objects, whatever the pseudo column says.
    expect(pbx.listUsers()).toHaveLength(304);
    await admin.request('PbxAdminApi', 'UpdateObject', {
      cn: 'Vera Vorstand',
      h323: 'vera',
      pseudo: { type: 'executive' },
    });
    await admin.request('PbxAdminApi', 'UpdateObject', {
      cn: 'Waiting queue',
      h323: 'queue',
      pseudo: { type: 'waiting' },
    });
    await waitFor(async () => (await pbx.findUser('vera')) !== null);
    expect(await pbx.findUser('queue')).toBeNull();
    expect(await pbx.findUser(DEMO_APP.name)).toBeNull();

    // A move keeps the other entries field by field, in whatever case the PBX keeps hardware ids.
    const second = { hw: '009033abcd01', text: 'Home', app: 'phone', sreg: true, mr: true, voip: 'HD' };
    await admin.request('PbxAdminApi', 'UpdateObject', { guid: guid('user170'), devices: [second] });
    await waitFor(() => pbx.userByGuid(guid('user170'))?.devices.length === 1);
    const kept = simulator.user('user170')?.devices;
    const mac = company.phones.find((phone) => phone.online && pbx.holderOf(phone.mac) === null)?.mac ?? '';
    await pbx.moveDevice({ mac, from: null, to: guid('user170'), device });
    expect(simulator.user('user170')?.devices.slice(0, 1)).toEqual(kept);
    await waitFor(() => pbx.registeredTo(mac) === guid('user170'));

    // A call from the desk phone, then its end: seen once each.
    const call = simulator.dial(mac, '112');
    expect(typeof call).toBe('object');
    await waitFor(() => pbx.callsOf(guid('user170')).length === 1);
    if (typeof call === 'object') simulator.hangUp(call.id);
    await waitFor(() => pbx.callsOf(guid('user170')).length === 0);
    expect(pbx.dialledBy(guid('user170')).filter((dialled) => dialled.remote === '112')).toHaveLength(1);

    // At the Munich site the phone registers at the slave, and only the slave may report it and its calls.
    await pbx.setLocation(guid('user170'), 'munich');
    await waitFor(() => pbx.registeredTo(mac) === guid('user170') && pbx.callsWatchedFor(guid('user170')));
    const munichCall = simulator.dial(mac, '110');
    await waitFor(() => pbx.callsOf(guid('user170')).length === 1);
    if (typeof munichCall === 'object') simulator.hangUp(munichCall.id);
    await waitFor(() => pbx.callsOf(guid('user170')).length === 0);
    expect(await pbx.checkInvariants()).toMatchObject({ ok: true, duplicateMacs: [] });
    expect(states).not.toContain('unresponsive');
  });
});

describe('several PBXs: one down', () => {
  it('keeps the others working and names the one that is down', async () => {
    const { simulator, pbx, guid } = await system({});
    await simulator.stop('munich');
    await waitFor(() => pbx.status().pbxs[1]?.state !== 'connected');
    const status = pbx.status();
    expect(status.state).toBe('connected');
    expect(status.pbxs[1]).toMatchObject({ name: 'munich', master: false, callsWatched: false });
    // A Berlin user's calls are still watched; a Munich user's are not known while Munich is away.
    expect(pbx.callsWatchedFor(guid('user001'))).toBe(true);
    await pbx.setLocation(guid('user002'), 'munich');
    expect(pbx.callsWatchedFor(guid('user002'))).toBe(false);
    await simulator.start();
    await waitFor(() => pbx.status().pbxs[1]?.state === 'connected' && pbx.callsWatchedFor(guid('user002')));
  });

  it('names a PBX of the system that no configured address reaches', async () => {
    const company = demoCompany();
    const simulator = new PbxSimulator(company, { port: 0 });
    await simulator.start();
    cleanups.push(() => simulator.stop());
    const pbx = new InnovaphonePbx({ url: simulator.url, app: DEMO_APP.name, password: DEMO_APP.password });
    pbx.start();
    cleanups.push(() => pbx.stop());
    await waitFor(() => pbx.status().unreached.length > 0);
    expect(pbx.status().unreached).toEqual(['munich']);
  });
});
