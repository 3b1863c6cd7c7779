/**
 * Where a desk file first had a key (a MAC, a desk name, a computer name), to report the rows that repeat it.
 * A file has up to a million rows: the keys live in typed arrays, not as a million map entries and lower-cased
 * copies for the garbage collector to walk. The hash table holds only each key's index (4 bytes a slot: a
 * million keys' table fits where the processor's caches reach); a key's hash halves and first row are in
 * arrays filled in the order the keys come. Names are compared ignoring case, as the desk table's unique
 * indexes do (`lower(name)`).
 */
export class FirstRows {
  private mask = -1;
  /** Per slot: 1 + the index of its key (0: empty). */
  private slots = new Int32Array(0);
  private count = 0;
  /** Per key, in the order they came: its hash halves and the row it was first seen in. */
  private highs = new Int32Array(0);
  private lows = new Int32Array(0);
  private rows = new Int32Array(0);
  /** Per key (names only): two whose hashes agree are compared, ignoring case. */
  private names: string[] = [];

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
    if (this.mask < 0) {
      const keys = Math.max(1024, this.expected);
      this.keys(keys);
      this.allocate(2 ** Math.ceil(Math.log2(keys * 2)));
    }
    const slots = this.slots;
    let at = this.slotOf(high, low);
    for (;;) {
      const slot = slots[at] ?? 0;
      if (slot === 0) break;
      const key = slot - 1;
      if (this.highs[key] === high && this.lows[key] === low && (name === null || sameName(this.names[key], name)))
        return this.rows[key] ?? 0;
      at = (at + 1) & this.mask;
    }
    const key = this.count;
    if (key >= this.rows.length) this.keys(this.rows.length * 2);
    slots[at] = key + 1;
    this.highs[key] = high;
    this.lows[key] = low;
    this.rows[key] = row;
    if (name !== null) {
      // Names take their places in an array as long as the others, not in one that grows name by name.
      if (this.names.length < this.rows.length)
        this.names = this.names.concat(new Array<string>(this.rows.length - this.names.length));
      this.names[key] = name;
    }
    this.count += 1;
    if (this.count * 2 > this.mask) this.grow();
    return 0;
  }

  /** Where a key with these hash halves is first looked for. */
  private slotOf(high: number, low: number): number {
    return (Math.imul(high, 0x9e3779b1) ^ low) & this.mask;
  }

  /** Room for `size` keys, those there kept. */
  private keys(size: number): void {
    const grown = (old: Int32Array) => {
      const array = new Int32Array(size);
      array.set(old);
      return array;
    };
    this.highs = grown(this.highs);
    this.lows = grown(this.lows);
    this.rows = grown(this.rows);
  }

  private allocate(size: number): void {
    this.mask = size - 1;
    this.slots = new Int32Array(size);
  }

  /** Twice the slots once half are taken, every key put in its new place. */
  private grow(): void {
    this.allocate((this.mask + 1) * 2);
    for (let key = 0; key < this.count; key += 1) {
      let at = this.slotOf(this.highs[key] ?? 0, this.lows[key] ?? 0);
      while ((this.slots[at] ?? 0) !== 0) at = (at + 1) & this.mask;
      this.slots[at] = key + 1;
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
