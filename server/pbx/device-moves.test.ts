import { describe, expect, it } from 'vitest';
import { waitFor } from '../../test/service-harness.ts';
import type { AppMessage } from './app-websocket.ts';
import { type AdminConnection, DeviceMoves } from './device-moves.ts';
import { KeyedMutex } from '../lib/keyed-mutex.ts';
import { MemoryMoveJournal } from './move-journal.ts';
import type { PbxDevice, PbxUser } from './pbx.ts';

const PHONE = '009033000001';
const ALICE = 'guid-alice';
const BOB = 'guid-bob';
const phoneEntry: PbxDevice = { hw: PHONE, text: 'Desk 1', app: 'phone' };

/** The PBX's own device lists, answering GetObject and UpdateObject, and the writes it took. */
function fakePbx(devices: Record<string, PbxDevice[]>) {
  const writes: string[] = [];
  const connection: AdminConnection = {
    request: (api: string, mt: string, body: Record<string, unknown> = {}): Promise<AppMessage> => {
      const guid = String(body.guid);
      if (mt === 'GetObject')
        return Promise.resolve({ api, mt: 'GetObjectResult', guid, devices: devices[guid] ?? [] });
      writes.push(guid);
      devices[guid] = body.devices as PbxDevice[];
      return Promise.resolve({ api, mt: 'UpdateObjectResult' });
    },
  };
  return { connection, devices, writes };
}

const user = (guid: string): PbxUser => ({
  guid,
  name: guid,
  cn: guid,
  displayName: guid,
  e164: '',
  loc: 'main',
  groups: [],
  devices: [],
  email: '',
});

/**
 * A move from Alice to Bob whose connection was lost after the PBX took a write, repaired while the
 * replica still shows the phone on Alice (the PBX's push of the write not heard yet).
 */
async function repairWithStaleReplica(pbxDevices: Record<string, PbxDevice[]>) {
  const pbx = fakePbx(pbxDevices);
  const journal = new MemoryMoveJournal();
  await journal.begin({ mac: PHONE, from: ALICE, to: BOB, fromDevice: phoneEntry });
  const moves = new DeviceMoves(
    {
      liveConnection: () => pbx.connection,
      holdersOf: () => [ALICE],
      userById: (guid) => (guid === ALICE || guid === BOB ? user(guid) : null),
      applyUser: () => undefined,
      running: () => true,
    },
    journal,
    new KeyedMutex(),
  );
  moves.scheduleRepair();
  await waitFor(async () => (await journal.pending()).length === 0);
  moves.stop();
  return { pbx, outcomes: journal.finished.map((entry) => entry.outcome) };
}

describe('DeviceMoves repair', () => {
  it('puts the phone back when the PBX removed it but never added it, though the replica still shows it', async () => {
    const { pbx, outcomes } = await repairWithStaleReplica({ [ALICE]: [], [BOB]: [] });
    expect(pbx.devices[ALICE]).toEqual([phoneEntry]);
    expect(pbx.writes).toEqual([ALICE]);
    expect(outcomes).toEqual(['undone']);
  });

  it('closes a move the PBX finished as done, writing nothing, though the replica still shows the old holder', async () => {
    const { pbx, outcomes } = await repairWithStaleReplica({ [ALICE]: [], [BOB]: [phoneEntry] });
    expect(pbx.writes).toEqual([]);
    expect(outcomes).toEqual(['done']);
  });

  it('closes a move the PBX never started as undone, writing nothing', async () => {
    const { pbx, outcomes } = await repairWithStaleReplica({ [ALICE]: [phoneEntry], [BOB]: [] });
    expect(pbx.writes).toEqual([]);
    expect(outcomes).toEqual(['undone']);
  });
});
