// Dial on a phone of the built-in simulator, as a person at it would (the demo's keypad):
//   npm run dial -- <desk name> <number>   a free desk's phone:  npm run dial -- B1-0.07 '*55*1042*4711'
//   npm run dial -- <user name> <number>   a person's phone:     npm run dial -- user042 '*56'
// It speaks RCC to the simulator like any App object: monitor the object, then UserCall from its phone.
import { DEMO_APP } from '../sim/demo-company.ts';
import { SIM_PATH } from '../sim/simulator.ts';
import { AppWebsocketConnection } from '../server/pbx/app-websocket.ts';

const [who, number] = process.argv.slice(2);
if (!who || !number) {
  console.error("usage: npm run dial -- <desk name | user name> <number>   (e.g. B1-0.07 '*55*1042*4711')");
  process.exit(2);
}
const port = process.env.PBX_SIM_PORT ?? '8090';
const pbx = await AppWebsocketConnection.open(
  `ws://127.0.0.1:${port}${SIM_PATH}`,
  { app: DEMO_APP.name, domain: '', sip: '', guid: '', dn: '' },
  DEMO_APP.password,
  { timeoutMs: 3000 },
);
try {
  // A free desk's phone is on the desk's base object (`desk <name>`); a person is found by user name.
  const find = (query: Record<string, string>) => pbx.request('PbxAdminApi', 'GetObject', query).catch(() => null);
  const object = (await find({ cn: `desk ${who}` })) ?? (await find({ h323: who }));
  if (typeof object?.cn !== 'string') throw new Error(`no free desk and no user called ${who}`);
  const monitor = await pbx.request('RCC', 'UserInitialize', { cn: object.cn });
  const call = await pbx.request('RCC', 'UserCall', { user: monitor.user, e164: number });
  console.log(`${object.cn} dialled ${number} (call ${String(call.call)})`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  pbx.close();
}
