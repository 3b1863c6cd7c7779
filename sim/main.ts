import { join } from 'node:path';
import { DEMO_APP, demoCompany } from './demo-company.ts';
import { behaviourFromArgs } from './sim-behaviour.ts';
import { PbxSimulator } from './simulator.ts';

const port = Number(process.env.PBX_SIM_PORT ?? 8090);
const registrationDelayMs = Number(process.env.PBX_SIM_REGISTRATION_DELAY_MS ?? 300);
// Standing alone, the simulator keeps its state only when told where (DATA_DIR); otherwise every start is fresh.
const dataDir = process.env.DATA_DIR;
// `npm run pbx-sim -- --keep-alive answered --hw-case upper …`: a PBX that behaves one of the ways the documents
// leave open (sim/sim-behaviour.ts).
const behaviour = behaviourFromArgs(process.argv.slice(2));
const simulator = new PbxSimulator(demoCompany(), {
  port,
  registrationDelayMs,
  behaviour,
  slaves: [{ name: 'munich', port: port + 1 }],
  ...(dataDir === undefined ? {} : { stateFile: join(dataDir, 'pbx-simulator.json') }),
});
await simulator.start();
simulator.setAppUrl(DEMO_APP.name, `http://localhost:${process.env.PORT ?? 8080}/myapps`);
console.log(`PBX simulator listening on ${simulator.url} (master berlin), ${simulator.slaveUrls.join(', ')} (munich)`);
if (Object.keys(behaviour).length > 0) console.log(`behaving: ${JSON.stringify(behaviour)}`);
console.log(`myApps launcher: ${simulator.launcherUrl}`);

const shutdown = () => void simulator.stop().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
