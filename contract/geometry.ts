/** Plan coordinates are relative to the image (0..1 on both axes). */
export interface Point {
  x: number;
  y: number;
}

/** Ray casting; a point on an edge may fall either way, which is fine for desks inside zones. */
export function pointInPolygon(point: Point, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
    const a = polygon[i];
    const b = polygon[j];
    if (!a || !b) continue;
    if (a.y > point.y !== b.y > point.y && point.x < ((b.x - a.x) * (point.y - a.y)) / (b.y - a.y) + a.x)
      inside = !inside;
  }
  return inside;
}

/** The first zone (in the given order) whose polygon contains the point, or null. */
export function zoneAt<Zone extends { id: string; polygon: readonly Point[] }>(
  point: Point,
  zones: readonly Zone[],
): string | null {
  return zones.find((zone) => pointInPolygon(point, zone.polygon))?.id ?? null;
}
