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

const HEX = '0123456789abcdef';

/**
 * The canonical form, or null when `input` is not a MAC in a common notation: six pairs separated by one
 * kind of `:` or `-`, three groups of four separated by `.`, or twelve digits without separators. One pass
 * over the characters (the import checks a million of these).
 */
export function normalizeMac(input: string): string | null {
  const text = input.trim();
  // Where separators stand in each notation, by length: 17 (pairs), 14 (Cisco groups), 12 (bare).
  const every = text.length === 17 ? 3 : text.length === 14 ? 5 : text.length === 12 ? 0 : -1;
  if (every < 0) return null;
  const separator = every === 0 ? -1 : text.charCodeAt(every - 1);
  if (every === 3 && separator !== 58 && separator !== 45) return null;
  if (every === 5 && separator !== 46) return null;
  let canonical = '';
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (every > 0 && (at + 1) % every === 0) {
      if (code !== separator) return null;
      continue;
    }
    const digit = hexValue(code);
    if (digit < 0) return null;
    canonical += HEX.charAt(digit);
  }
  return canonical;
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
