import { messageText } from '../i18n/message.ts';
/**
 * Windows computer names (and thin-client names): the NetBIOS rules. 1 to 15 characters, none of
 * `\ / : * ? " < > |`, no control characters, not only dots or spaces.
 */
export const NETBIOS_MAX = 15;
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]/;

/** null when valid, else a sentence saying what is wrong. */
export function netbiosProblem(name: string): string | null {
  if (name.length === 0) return messageText('contract.netbios.computerNameCannotEmpty');
  if (name.length > NETBIOS_MAX)
    return messageText('contract.netbios.tooLong', {
      max: NETBIOS_MAX,
      name: `${name.slice(0, 40)}${name.length > 40 ? '…' : ''}`,
      length: name.length,
    });
  if (FORBIDDEN.test(name)) return messageText('contract.netbios.forbiddenCharacter', { name });
  if (/^[. ]+$/.test(name)) return messageText('contract.netbios.computerNameCannotConsist');
  if (name !== name.trim()) return messageText('contract.netbios.computerNameCannotStart');
  return null;
}
