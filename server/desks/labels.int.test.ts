import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import type { PDFNumber } from 'pdf-lib';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { deskListResponseSchema } from '../../contract/desks.ts';
import { floorSchema } from '../../contract/floors.ts';
import { startHarness, type Harness } from '../../test/service-harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Every QR code printed in the PDF, read back from its images as a phone's camera would read the label. */
async function qrCodesIn(bytes: Uint8Array): Promise<{ pages: number; codes: string[] }> {
  const pdf = await PDFDocument.load(bytes);
  const codes: string[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const { dict } = object;
    if (dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    if (dict.get(PDFName.of('ColorSpace')) !== PDFName.of('DeviceRGB')) continue;
    const width = (dict.get(PDFName.of('Width')) as PDFNumber).asNumber();
    const height = (dict.get(PDFName.of('Height')) as PDFNumber).asNumber();
    const rgb = inflateSync(object.contents);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let pixel = 0; pixel < width * height; pixel += 1) {
      rgba.set([rgb[pixel * 3] ?? 0, rgb[pixel * 3 + 1] ?? 0, rgb[pixel * 3 + 2] ?? 0, 255], pixel * 4);
    }
    const code = jsQR(rgba, width, height);
    if (code) codes.push(code.data);
  }
  return { pages: pdf.getPageCount(), codes };
}

describe('desk labels', () => {
  it('prints a floor’s desks on A4 sheets whose QR codes open the check-in at each desk', async () => {
    harness = await startHarness({ env: { PUBLIC_URL: 'https://hotdesk.example.com/' } });
    const facility = harness.client();
    await facility.signIn('facility', 'demo');
    const floor = floorSchema.parse(
      (await facility.request('POST', '/floors', { body: { name: 'Labels floor' } })).body,
    );
    // Twelve desks (two sheets), with names a URL must escape.
    for (let index = 1; index <= 12; index += 1) {
      const name = `L ${index}/Süd`;
      const mac = `009033ab${String(index).padStart(4, '0')}`;
      expect((await facility.request('POST', '/desks', { body: { name, mac, floorId: floor.id } })).status).toBe(201);
    }
    const desks = deskListResponseSchema.parse(
      (await facility.request('GET', `/desks?floorId=${floor.id}`)).body,
    ).desks;
    expect(desks).toHaveLength(12);

    const answer = await fetch(`${harness.service.url}/api/v1/desks/labels.pdf?floorId=${floor.id}`, {
      headers: { Cookie: facility.cookieHeader() },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    const { pages, codes } = await qrCodesIn(new Uint8Array(await answer.arrayBuffer()));
    expect(pages).toBe(Math.ceil(desks.length / 10));
    expect(codes.sort()).toEqual(
      desks.map((desk) => `https://hotdesk.example.com/checkin?desk=${encodeURIComponent(desk.name)}`).sort(),
    );
    expect((await facility.request('GET', '/desks/labels-address')).body).toEqual({
      address: 'https://hotdesk.example.com',
      configured: true,
    });
    // The sheet speaks the language asked for (the console's).
    const german = await fetch(`${harness.service.url}/api/v1/desks/labels.pdf?floorId=${floor.id}&lang=de`, {
      headers: { Cookie: facility.cookieHeader() },
    });
    const sheet = await PDFDocument.load(new Uint8Array(await german.arrayBuffer()));
    expect(sheet.getTitle()).toBe('Arbeitsplatz-Etiketten');
  });

  it('prints a selection by id, with the service’s own address when no PUBLIC_URL is set, whatever Host says; employees get 403', async () => {
    harness = await startHarness();
    const helpdesk = harness.client();
    await helpdesk.signIn('helpdesk', 'demo');
    const desks = deskListResponseSchema
      .parse((await helpdesk.request('GET', '/desks?q=B1-0.0')).body)
      .desks.slice(0, 2);
    const answer = await fetch(
      `${harness.service.url}/api/v1/desks/labels.pdf?ids=${desks.map((desk) => desk.id).join(',')}`,
      // An attacker's Host header must not end up in the QR codes.
      { headers: { Cookie: helpdesk.cookieHeader(), Host: 'evil.example' } },
    );
    expect(answer.headers.get('x-labels-address')).toBe(harness.service.url);
    const { pages, codes } = await qrCodesIn(new Uint8Array(await answer.arrayBuffer()));
    expect(pages).toBe(1);
    expect(codes.sort()).toEqual(desks.map((desk) => `${harness?.service.url}/checkin?desk=${desk.name}`).sort());
    // The console says where the codes lead before anyone prints, and that PUBLIC_URL is not set.
    expect((await helpdesk.request('GET', '/desks/labels-address')).body).toEqual({
      address: harness.service.url,
      configured: false,
    });

    const employee = harness.client();
    await employee.signIn('user001', 'demo');
    expect((await employee.request('GET', '/desks/labels.pdf')).status).toBe(403);
    expect((await employee.request('GET', '/desks/labels-address')).status).toBe(403);
    expect((await helpdesk.request('GET', '/desks/labels.pdf?floorId=not-a-floor')).status).toBe(400);
  });
});
