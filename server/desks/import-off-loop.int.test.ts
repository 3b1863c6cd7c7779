import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importResponseSchema } from '../../contract/desks.ts';
import type { TestClient } from '../../test/http-client.ts';
import { startHarness, waitFor, type Harness } from '../../test/service-harness.ts';
import { filesBeingChecked } from './import-thread.ts';

/**
 * A large desk file is parsed and checked in a worker thread (issue 29: a 1,000,000-row dry run held the event
 * loop 17 s, health unanswered): while it is checked, health, the board and a check-in answer.
 */
let harness: Harness;
let admin: TestClient;
beforeAll(async () => {
  harness = await startHarness();
  admin = harness.client();
  await admin.signIn('admin', 'demo');
});
afterAll(() => harness.close());

const millionRows = () => {
  const lines = ['hw_id,name'];
  for (let index = 0; index < 1_000_000; index += 1)
    lines.push(`${index.toString(16).padStart(12, '0')},Desk ${index}`);
  return lines.join('\n');
};

describe('a desk file of a million rows', () => {
  it('is checked off the event loop: health, the board and a check-in answer meanwhile', async () => {
    let checked = false;
    const importing = admin
      .upload('POST', '/desks/import?mode=merge&dryRun=true', millionRows(), 'text/csv')
      .then(async (answer) => {
        checked = true;
        const json: unknown = await answer.json();
        if (answer.status !== 200) throw new Error(JSON.stringify(json));
        return { status: answer.status, body: importResponseSchema.parse(json) };
      });
    await waitFor(() => filesBeingChecked() > 0 || checked);
    expect(checked).toBe(false);

    const health = await fetch(`${harness.service.url}/api/v1/health/live`);
    expect(health.status).toBe(200);
    expect((await admin.request('GET', '/occupancy')).status).toBe(200);
    const employee = harness.client();
    expect((await employee.signIn('user001', 'demo')).status).toBe(200);
    expect((await employee.request('GET', '/me/desk')).status).toBe(200);
    // All of that was answered while the file was still being checked.
    expect(filesBeingChecked()).toBe(1);
    expect(checked).toBe(false);

    const { status, body } = await importing;
    expect(status).toBe(200);
    expect(body.file.rows).toBe(1_000_000);
    expect(body.summary.added).toBe(1_000_000);
    expect(body.applied).toBe(false);
    expect(filesBeingChecked()).toBe(0);
  });
});
