import { demoCompany } from './demo-company.ts';
import { PbxSimulator } from './simulator.ts';

const port = Number(process.env.PBX_SIM_PORT ?? 8090);
const registrationDelayMs = Number(process.env.PBX_SIM_REGISTRATION_DELAY_MS ?? 300);
const simulator = new PbxSimulator(demoCompany(), { port, registrationDelayMs });
await simulator.start();
console.log(`PBX simulator listening on ${simulator.url}`);

const shutdown = () => void simulator.stop().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
