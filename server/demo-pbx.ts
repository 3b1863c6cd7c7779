import { join } from 'node:path';
import { DEMO_APP, demoCompany } from '../sim/demo-company.ts';
import { PbxSimulator } from '../sim/simulator.ts';
import type { Config } from './lib/config.ts';
import type { Db } from './db/db.ts';
import { seedDemoCompany } from './seed-demo.ts';

export interface DemoPbx {
  simulator: PbxSimulator;
  /** The simulator this service started (and stops), null when the test's. */
  own: PbxSimulator | null;
  target: { url: string; slaveUrls: string[]; app: string; password: string };
  /** Where the demo App object opens the console. */
  setAppUrl: (url: string) => void;
}

/**
 * Without PBX_URL: the built-in PBX simulator with the demo company, started (and the demo company seeded once)
 * unless a test brings its own. This module is imported only then, so a service with a real PBX never loads it.
 */
export async function startDemoPbx(
  db: Db,
  config: Config,
  given: PbxSimulator | null,
  inMemoryDb: boolean,
): Promise<DemoPbx> {
  const simulator = given ?? (await startOwn(db, config, inMemoryDb));
  const own = given === null ? simulator : null;
  return {
    simulator,
    own,
    target: { url: simulator.url, slaveUrls: simulator.slaveUrls, app: DEMO_APP.name, password: DEMO_APP.password },
    setAppUrl: (url) => own?.setAppUrl(DEMO_APP.name, url),
  };
}

async function startOwn(db: Db, config: Config, inMemoryDb: boolean): Promise<PbxSimulator> {
  const company = demoCompany();
  const simulator = new PbxSimulator(company, {
    port: config.pbxSimPort,
    // The demo system: Berlin (the master) and Munich, a slave on the next port.
    slaves: [{ name: 'munich', port: config.pbxSimPort === 0 ? 0 : config.pbxSimPort + 1 }],
    // The demo PBX keeps its device lists over a restart, as a real PBX does.
    ...(inMemoryDb ? {} : { stateFile: join(config.dataDir, 'pbx-simulator.json') }),
  });
  await simulator.start();
  await seedDemoCompany(db, company);
  return simulator;
}
