/**
 * Recognises a floor-plan image by its bytes, not by what the upload claims, and reads its size.
 * PNG (IHDR), JPEG (the first SOFn marker) and WebP (VP8, VP8L, VP8X). Anything else is null.
 */
export interface SniffedImage {
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function sniffImage(bytes: Uint8Array): SniffedImage | null {
  const image = sniffPng(bytes) ?? sniffJpeg(bytes) ?? sniffWebp(bytes);
  return image && image.width > 0 && image.height > 0 ? image : null;
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

function sniffPng(bytes: Uint8Array): SniffedImage | null {
  if (bytes.length < 24 || !PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return null;
  if (ascii(bytes, 12, 4) !== 'IHDR') return null;
  const data = view(bytes);
  return { mime: 'image/png', width: data.getUint32(16), height: data.getUint32(20) };
}

function sniffJpeg(bytes: Uint8Array): SniffedImage | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return null;
  const data = view(bytes);
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = data.getUint16(offset + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (offset + 9 > bytes.length) return null;
      return { mime: 'image/jpeg', height: data.getUint16(offset + 5), width: data.getUint16(offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}

function sniffWebp(bytes: Uint8Array): SniffedImage | null {
  if (bytes.length < 30 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') return null;
  const data = view(bytes);
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ') {
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return null;
    return { mime: 'image/webp', width: data.getUint16(26, true) & 0x3fff, height: data.getUint16(28, true) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) return null;
    const bits = data.getUint32(21, true);
    return { mime: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    const width = 1 + ((bytes[24] ?? 0) | ((bytes[25] ?? 0) << 8) | ((bytes[26] ?? 0) << 16));
    const height = 1 + ((bytes[27] ?? 0) | ((bytes[28] ?? 0) << 8) | ((bytes[29] ?? 0) << 16));
    return { mime: 'image/webp', width, height };
  }
  return null;
}

export const PLAN_MAX_BYTES = 10 * 1024 * 1024;
/** Browsers draw images up to about 16k pixels a side; a plan claiming more is broken or hostile. */
export const PLAN_MAX_SIDE = 16_384;
export const PLAN_MAX_PIXELS = 150_000_000;

/** A floor plan upload checked by content and size: the image, or why it is refused (400, 413 or 415). */
export function checkPlanImage(
  bytes: Uint8Array,
): SniffedImage | { code: 'payload_too_large' | 'unsupported_media_type' | 'bad_request'; message: string } {
  if (bytes.byteLength > PLAN_MAX_BYTES) {
    return { code: 'payload_too_large', message: 'A floor plan can be at most 10 MB.' };
  }
  const image = sniffImage(bytes);
  if (!image) {
    return {
      code: 'unsupported_media_type',
      message: 'This file is not a PNG, JPEG or WebP image. Export the plan as one of those.',
    };
  }
  if (image.width > PLAN_MAX_SIDE || image.height > PLAN_MAX_SIDE || image.width * image.height > PLAN_MAX_PIXELS) {
    return {
      code: 'bad_request',
      message: `This image says it is ${image.width} × ${image.height} pixels; a plan can have at most ${PLAN_MAX_SIDE} pixels a side. Export it smaller.`,
    };
  }
  return image;
}
