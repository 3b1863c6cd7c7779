// `npm run pbx-check -- --url wss://pbx.example.com/PBX0/APPS/websocket --app hotdesk` (password from
// PBX_PASSWORD): read-only checks of a PBX for installers, as text for people or `--json` for tools. Exit code 0
// when the service can work with the PBX, 1 when a check failed, 2 on wrong arguments.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkPbx, formatReport } from '../server/pbx/connection-check.ts';

const usage = `Usage: npm run pbx-check -- --url wss://<pbx>/PBX0/APPS/websocket [--app hotdesk] [options]
  The App object's password is read from PBX_PASSWORD.
  --slave <url>        a slave PBX of the system (repeat for each); default: PBX_SLAVE_URLS
  --public-url <url>   where the console is reached (the App object's URL should be <public-url>/myapps)
  --ca <file.pem>      trust this CA too (try an internal CA before setting NODE_EXTRA_CA_CERTS)
  --write-test <cn>    write this object's device list back unchanged (the only write)
  --json               the report as JSON`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      url: { type: 'string', default: process.env.PBX_URL },
      app: { type: 'string', default: process.env.PBX_APP ?? 'hotdesk' },
      slave: { type: 'string', multiple: true },
      'public-url': { type: 'string', default: process.env.PUBLIC_URL },
      ca: { type: 'string' },
      'write-test': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  process.exit(2);
}
const password = process.env.PBX_PASSWORD;
if (values.help || !values.url || !password) {
  if (!values.help)
    console.error(!values.url ? 'Give the PBX address with --url.' : 'Set PBX_PASSWORD to the App object password.');
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
const slaves = values.slave ?? (process.env.PBX_SLAVE_URLS ?? '').split(/[\s,]+/).filter((url) => url !== '');
const report = await checkPbx({
  url: values.url,
  app: values.app ?? 'hotdesk',
  password,
  slaveUrls: slaves,
  ...(values['public-url'] ? { publicUrl: values['public-url'].replace(/\/+$/, '') } : {}),
  ...(values.ca ? { ca: readFileSync(values.ca, 'utf8') } : {}),
  ...(values['write-test'] ? { writeTest: values['write-test'] } : {}),
});
process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
process.exit(report.ok ? 0 : 1);
