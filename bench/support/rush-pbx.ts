// The PBX for the PostgreSQL morning rush, in a process of its own (as a real PBX is): the simulator with the
// benchmark's generated company. Prints `ready <url>` once it listens; stops on SIGTERM.
import { RUSH_COMPANY, rushCompany } from './rush-company.ts';
import { PbxSimulator } from '../../sim/simulator.ts';

const simulator = new PbxSimulator(rushCompany(), { port: 0, registrationDelayMs: RUSH_COMPANY.registrationDelayMs });
await simulator.start();
console.log(`ready ${simulator.url}`);
process.on('SIGTERM', () => void simulator.stop().then(() => process.exit(0)));
