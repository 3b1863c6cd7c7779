/**
 * Windows computer names (and thin-client names): the NetBIOS rules. 1 to 15 characters, none of
 * `\ / : * ? " < > |`, no control characters, not only dots or spaces.
 */
export const NETBIOS_MAX = 15;
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]/;

/** null when valid, else a sentence saying what is wrong. */
export function netbiosProblem(name: string): string | null {
  if (name.length === 0) return 'A computer name cannot be empty.';
  if (name.length > NETBIOS_MAX)
    return `A computer name has at most ${NETBIOS_MAX} characters ("${name.slice(0, 40)}${name.length > 40 ? '…' : ''}" has ${name.length}).`;
  if (FORBIDDEN.test(name))
    return `"${name}" contains a character Windows does not allow in computer names (\\ / : * ? " < > |).`;
  if (/^[. ]+$/.test(name)) return 'A computer name cannot consist of dots and spaces only.';
  if (name !== name.trim()) return 'A computer name cannot start or end with a space.';
  return null;
}
