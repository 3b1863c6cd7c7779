import { crc32, deflateSync } from 'node:zlib';
import { drawFloorPlan, PLAN_HEIGHT, PLAN_WIDTH } from './floor-plan-pixels.ts';

/** A floor plan of the demo company as a PNG (the pixels of floor-plan-pixels.ts, deflated with node:zlib). */
export function renderFloorPlanPng(variant: number, width = PLAN_WIDTH, height = PLAN_HEIGHT): Buffer {
  return encodePng(drawFloorPlan(variant, width, height), width, height);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(rgb: Uint8Array, width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let row = 0; row < height; row += 1) {
    raw[row * (width * 3 + 1)] = 0;
    Buffer.from(rgb.buffer, row * width * 3, width * 3).copy(raw, row * (width * 3 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
