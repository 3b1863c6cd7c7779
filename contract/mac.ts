/**
 * Phone hardware ids (MACs). Stored canonical (12 lowercase hex digits), shown `00:90:33:12:34:56`, and
 * accepted with `:`, `-`, `.` or no separators, in any case: `00-90-33-12-34-56`, `0090.3312.3456`.
 */
/** The value of a hex digit's character code, or -1. */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** A MAC's 48 bits as a number (exact: below 2^53), or -1 when `input` is not a MAC (see normalizeMac). */
export function macValue(input: string): number {
  const text = input.trim();
  // Where separators stand in each notation, by length: 17 (pairs), 14 (Cisco groups), 12 (bare).
  const every = text.length === 17 ? 3 : text.length === 14 ? 5 : text.length === 12 ? 0 : -1;
  if (every < 0) return -1;
  const separator = every === 0 ? -1 : text.charCodeAt(every - 1);
  if (every === 3 && separator !== 58 && separator !== 45) return -1;
  if (every === 5 && separator !== 46) return -1;
  // Two 24-bit halves: each stays a small integer while the digits come in.
  let high = 0;
  let low = 0;
  let digits = 0;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (every > 0 && (at + 1) % every === 0) {
      if (code !== separator) return -1;
      continue;
    }
    const digit = hexValue(code);
    if (digit < 0) return -1;
    if (digits < 6) high = high * 16 + digit;
    else low = low * 16 + digit;
    digits += 1;
  }
  return high * 0x1000000 + low;
}

/** The character codes of the hex digits 0–f. */
const HEX_CODES = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));
const hexCode = (half: number, shift: number) => HEX_CODES[(half >>> shift) & 15] ?? 48;

/** The canonical text of a MAC's value: 12 lowercase hex digits (one string made, not twelve). */
export function macText(value: number): string {
  const high = Math.floor(value / 0x1000000);
  const low = value % 0x1000000;
  return String.fromCharCode(
    hexCode(high, 20),
    hexCode(high, 16),
    hexCode(high, 12),
    hexCode(high, 8),
    hexCode(high, 4),
    hexCode(high, 0),
    hexCode(low, 20),
    hexCode(low, 16),
    hexCode(low, 12),
    hexCode(low, 8),
    hexCode(low, 4),
    hexCode(low, 0),
  );
}

/**
 * The canonical form, or null when `input` is not a MAC in a common notation: six pairs separated by one
 * kind of `:` or `-`, three groups of four separated by `.`, or twelve digits without separators. One pass
 * over the characters (the import checks a million of these).
 */
export function normalizeMac(input: string): string | null {
  const value = macValue(input);
  return value < 0 ? null : macText(value);
}

/** `009033123456` → `00:90:33:12:34:56`. */
export function formatMac(canonical: string): string {
  return canonical.match(/.{2}/g)?.join(':') ?? canonical;
}

/**
 * For search: the hex digits a partial MAC query contains, in order, or null when the query has other
 * letters (then it is not meant as a MAC). `90:33` → `9033`.
 */
export function macSearchKey(query: string): string | null {
  const trimmed = query.trim();
  if (!/^[0-9a-f:.\- ]+$/i.test(trimmed)) return null;
  const hex = trimmed.replace(/[^0-9a-f]/gi, '').toLowerCase();
  return hex.length >= 2 ? hex : null;
}
