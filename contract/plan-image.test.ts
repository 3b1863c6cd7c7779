import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inLocale } from '../i18n/translate.ts';
import { checkPlanImage, PLAN_MAX_BYTES } from './plan-image.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../test/fixtures/plans/${name}`, import.meta.url)));

/** A PNG's signature and header claiming `width` × `height`, and nothing behind it. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 2, 0, 0, 0], 24);
  return bytes;
}

describe('a floor plan checked by its bytes', () => {
  it.each([
    ['plan.png', 'image/png', 640, 400],
    ['plan.jpg', 'image/jpeg', 640, 400],
    ['plan-progressive.jpg', 'image/jpeg', 640, 400],
    ['plan.webp', 'image/webp', 640, 400],
    ['plan-lossless.webp', 'image/webp', 640, 400],
    ['plan-alpha.webp', 'image/webp', 320, 200],
    ['png-named.jpg', 'image/png', 640, 400],
  ])('recognises %s by its content', (name, mime, width, height) => {
    expect(checkPlanImage(fixture(name))).toEqual({ mime, width, height });
  });

  it('gives a photo taken upright the size it is shown at (EXIF orientation)', async () => {
    const turned = await sharp({ create: { width: 64, height: 32, channels: 3, background: '#fff' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(checkPlanImage(new Uint8Array(turned))).toEqual({ mime: 'image/jpeg', width: 32, height: 64 });
  });

  it.each([
    ['a GIF', fixture('not-a-plan.gif')],
    ['an SVG', fixture('not-a-plan.svg')],
    ['an empty file', new Uint8Array()],
    ['a PNG cut short', fixture('plan.png').subarray(0, 20)],
    ['a JPEG cut short', fixture('plan.jpg').subarray(0, 30)],
  ])('refuses %s as no plan (415), in English and German', (_name, bytes) => {
    const refusal = checkPlanImage(bytes);
    expect(refusal).toMatchObject({ code: 'unsupported_media_type' });
    if ('message' in refusal) expect(inLocale(refusal.message, 'de')).not.toBe(inLocale(refusal.message, 'en'));
  });

  it('refuses a WebP header with garbage behind it (by the size the garbage claims; the service decodes too)', () => {
    expect(checkPlanImage(new TextEncoder().encode('RIFF....WEBPVP8 garbage garbage garbage'))).toHaveProperty('code');
  });

  it('refuses a plan larger than a browser draws, and a file over 10 MB, in English and German', () => {
    for (const [bytes, code] of [
      [pngHeader(20_000, 100), 'bad_request'],
      [pngHeader(8_000, 8_000), 'bad_request'],
      [new Uint8Array(PLAN_MAX_BYTES + 1), 'payload_too_large'],
    ] as const) {
      const refusal = checkPlanImage(bytes);
      expect(refusal).toMatchObject({ code });
      if ('message' in refusal) expect(inLocale(refusal.message, 'de')).not.toBe(inLocale(refusal.message, 'en'));
    }
    expect(checkPlanImage(pngHeader(8_000, 6_000))).toMatchObject({ mime: 'image/png', width: 8_000, height: 6_000 });
  });
});
