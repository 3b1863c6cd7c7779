import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sniffImage } from './image-sniff.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../test/fixtures/plans/${name}`, import.meta.url)));

describe('sniffImage', () => {
  it.each([
    ['plan.png', 'image/png', 640, 400],
    ['plan.jpg', 'image/jpeg', 640, 400],
    ['plan-progressive.jpg', 'image/jpeg', 640, 400],
    ['plan.webp', 'image/webp', 640, 400],
    ['plan-lossless.webp', 'image/webp', 640, 400],
    ['plan-alpha.webp', 'image/webp', 320, 200],
    ['png-named.jpg', 'image/png', 640, 400],
  ])('recognises %s by its content', (name, mime, width, height) => {
    expect(sniffImage(fixture(name))).toEqual({ mime, width, height });
  });

  it.each(['not-a-plan.gif', 'not-a-plan.svg'])('refuses %s', (name) => {
    expect(sniffImage(fixture(name))).toBeNull();
  });

  it('refuses truncated and empty files', () => {
    expect(sniffImage(new Uint8Array())).toBeNull();
    expect(sniffImage(fixture('plan.png').subarray(0, 20))).toBeNull();
    expect(sniffImage(fixture('plan.jpg').subarray(0, 30))).toBeNull();
    expect(sniffImage(new TextEncoder().encode('RIFF....WEBPVP8 garbage garbage garbage'))).toBeNull();
  });
});
