/**
 * Where a desk file first had a key (a MAC, a desk name, a computer name), to report the rows that repeat it.
 * A file has up to a million rows: the keys live in one typed array (open addressing; a slot's hash halves,
 * row and name index side by side, so a lookup touches one cache line), not as a million map entries and
 * lower-cased copies for the garbage collector to walk. Names are compared ignoring case, as the desk table's
 * unique indexes do (`lower(name)`).
 */

/** Int32s per slot: the key's two halves, the row it was first seen in (0: empty slot), the name's index. */
const STRIDE = 4;

export class FirstRows {
  private mask = -1;
  private count = 0;
  private slots = new Int32Array(0);
  /** The names in the order they came (names only): two whose hashes agree are compared, ignoring case. */
  private readonly names: string[] = [];

  /**
   * `expected`: how many keys may come (the file's row count), room made for them with the first key (a file
   * whose every row is wrong needs none); more grow the table.
   */
  constructor(private readonly expected: number) {}

  /** A MAC (its value from `macValue`): the row it was first seen in, or 0 when new (then it is `row`'s). */
  mac(value: number, row: number): number {
    return this.find(Math.floor(value / 0x1000000), value % 0x1000000, row, null);
  }

  /** A name, ignoring case: the row it was first seen in, or 0 when new (then it is `row`'s). */
  name(name: string, row: number): number {
    foldedHash(name);
    return this.find(hashHigh, hashLow, row, name);
  }

  private find(high: number, low: number, row: number, name: string | null): number {
    if (this.mask < 0) this.allocate(Math.max(1024, 2 ** Math.ceil(Math.log2(this.expected * 2))));
    const slots = this.slots;
    let at = ((Math.imul(high, 0x9e3779b1) ^ low) & this.mask) * STRIDE;
    for (;;) {
      const first = slots[at + 2] ?? 0;
      if (first === 0) break;
      if (
        slots[at] === high &&
        slots[at + 1] === low &&
        (name === null || sameName(this.names[slots[at + 3] ?? 0], name))
      )
        return first;
      at = (at + STRIDE) & (this.mask * STRIDE + STRIDE - 1);
    }
    slots[at] = high;
    slots[at + 1] = low;
    slots[at + 2] = row;
    if (name !== null) {
      slots[at + 3] = this.names.length;
      this.names.push(name);
    }
    this.count += 1;
    if (this.count * 2 > this.mask) this.grow();
    return 0;
  }

  private allocate(size: number): void {
    this.mask = size - 1;
    this.slots = new Int32Array(size * STRIDE);
  }

  /** Twice the slots once half are taken, every key moved to its new place. */
  private grow(): void {
    const old = this.slots;
    this.allocate((this.mask + 1) * 2);
    for (let from = 0; from < old.length; from += STRIDE) {
      if ((old[from + 2] ?? 0) === 0) continue;
      let to = ((Math.imul(old[from] ?? 0, 0x9e3779b1) ^ (old[from + 1] ?? 0)) & this.mask) * STRIDE;
      while ((this.slots[to + 2] ?? 0) !== 0) to = (to + STRIDE) % this.slots.length;
      this.slots.set(old.subarray(from, from + STRIDE), to);
    }
  }
}

const sameName = (stored: string | undefined, name: string): boolean =>
  stored === name || (stored !== undefined && stored.toLowerCase() === name.toLowerCase());

/** The two 32-bit halves of the last `foldedHash` (module state: no pair allocated per call). */
let hashHigh = 0;
let hashLow = 0;

/**
 * Two independent 32-bit hashes of a name as `toLowerCase()` would write it: ASCII folded on the way, any
 * other name lower-cased first (rare in desk tables; `toLowerCase` knows the letters whose case changes length).
 */
function foldedHash(name: string): void {
  let text = name;
  let checked = false;
  let high = 0x811c9dc5;
  let low = 0x9747b28c;
  for (let at = 0; at < text.length; at += 1) {
    let code = text.charCodeAt(at);
    if (code >= 65 && code <= 90) code += 32;
    else if (code >= 128 && !checked) {
      checked = true;
      const lower = name.toLowerCase();
      if (lower !== name) {
        // Start again over the lower-cased name (no upper-case ASCII left in it to fold).
        text = lower;
        high = 0x811c9dc5;
        low = 0x9747b28c;
        at = -1;
        continue;
      }
    }
    high = Math.imul(high ^ code, 0x01000193);
    low = Math.imul(low ^ code, 0x5bd1e995);
    low ^= low >>> 15;
  }
  // As the Int32Array keeps them: signed.
  hashHigh = high | 0;
  hashLow = low | 0;
}
