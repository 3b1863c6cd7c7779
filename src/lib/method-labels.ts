import type { DeskOccupancy } from '../../contract/occupancy.ts';
import type { MessageId } from '../i18n/i18n.ts';

/** How someone got a desk's phone, as the board and the audit log name it. */
export const methodLabels = {
  desk: 'method.desk',
  computer: 'method.computer',
  thinclient: 'method.thinclient',
  console: 'method.console',
  phone: 'method.phone',
  pbx: 'method.pbx',
} as const satisfies Record<NonNullable<DeskOccupancy['method']>, MessageId>;
