/**
 * Phone hardware ids (MACs). Stored canonical (12 lowercase hex digits), shown `00:90:33:12:34:56`, and
 * accepted with `:`, `-`, `.` or no separators, in any case: `00-90-33-12-34-56`, `0090.3312.3456`.
 */
const SEPARATED = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i;
const CISCO = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;
const BARE = /^[0-9a-f]{12}$/i;

/** The canonical form, or null when `input` is not a MAC in a common notation. */
export function normalizeMac(input: string): string | null {
  const trimmed = input.trim();
  if (!SEPARATED.test(trimmed) && !CISCO.test(trimmed) && !BARE.test(trimmed)) return null;
  return trimmed.replace(/[:.-]/g, '').toLowerCase();
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
