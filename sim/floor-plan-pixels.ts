/**
 * Draws a simple office floor plan (outer walls, rooms, corridors, desk rows) as RGB pixels, so the demo
 * company has real plan images without shipping binaries: floor-plan.ts encodes them as PNG for the
 * service, the browser-only demo paints them on a canvas. Deterministic for a given variant.
 */
export const PLAN_WIDTH = 1600;
export const PLAN_HEIGHT = 1000;

export function drawFloorPlan(variant: number, width = PLAN_WIDTH, height = PLAN_HEIGHT): Uint8Array {
  const pixels = new Uint8Array(width * height * 3).fill(255);
  const fill = (x: number, y: number, w: number, h: number, rgb: [number, number, number]) => {
    for (let row = Math.max(0, y); row < Math.min(height, y + h); row += 1) {
      for (let column = Math.max(0, x); column < Math.min(width, x + w); column += 1) {
        const at = (row * width + column) * 3;
        pixels[at] = rgb[0];
        pixels[at + 1] = rgb[1];
        pixels[at + 2] = rgb[2];
      }
    }
  };
  const wall: [number, number, number] = [71, 85, 105];
  const floor: [number, number, number] = [248, 250, 252];
  const room: [number, number, number] = [226, 232, 240];
  const outline = (x: number, y: number, w: number, h: number, thickness: number) => {
    fill(x, y, w, thickness, wall);
    fill(x, y + h - thickness, w, thickness, wall);
    fill(x, y, thickness, h, wall);
    fill(x + w - thickness, y, thickness, h, wall);
  };
  fill(40, 40, width - 80, height - 80, floor);
  outline(40, 40, width - 80, height - 80, 10);
  // Meeting rooms along the top, varying per floor.
  const rooms = 3 + (variant % 3);
  const roomWidth = Math.floor((width - 120) / rooms);
  for (let index = 0; index < rooms; index += 1) {
    const x = 60 + index * roomWidth;
    fill(x, 60, roomWidth - 20, 150, room);
    outline(x, 60, roomWidth - 20, 150, 5);
    fill(x + roomWidth / 2 - 30, 205, 60, 5, room);
  }
  // Core with lifts and stairs.
  fill(width / 2 - 110, height - 230, 220, 170, room);
  outline(width / 2 - 110, height - 230, 220, 170, 6);
  // Windows on the outer walls.
  for (let x = 80; x < width - 80; x += 120) {
    fill(x, 40, 60, 10, [148, 197, 253]);
    fill(x, height - 50, 60, 10, [148, 197, 253]);
  }
  return pixels;
}
