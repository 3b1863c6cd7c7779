import type { MessageId } from '../../../i18n/i18n.ts';
import type { Translate } from '../../../i18n/use-t.ts';

/** Each setting by the words the Settings page shows it with (the audit log reads as the page does). */
const settingLabels: Record<string, MessageId> = {
  'loginMethods.desk': 'settings.methodDesk',
  'loginMethods.computer': 'settings.methodComputer',
  'loginMethods.thinclient': 'settings.methodThinClient',
  'loginMethods.phone': 'settings.methodPhone',
  'keypad.loginCode': 'settings.loginCode',
  'keypad.logoutCode': 'settings.logoutCode',
  'tokens.lifetimeDays': 'settings.tokenDays',
  'device.text': 'settings.deviceLabel',
  'device.app': 'settings.device',
  'policies.secondDesk': 'settings.secondDesk',
  'policies.occupiedDesk': 'settings.occupied',
  'autoLogout.dailyOn': 'settings.daily',
  'autoLogout.dailyAt': 'settings.daily',
  'autoLogout.timeZone': 'settings.timeZone',
  'autoLogout.maxOn': 'settings.maxOn',
  'autoLogout.maxHours': 'settings.maxOn',
  'phones.baseObjects': 'settings.baseObjects',
  'phones.locationFollowsDesk': 'settings.locationFollows',
  'phones.baseNode': 'settings.baseNode',
  'phones.baseConfig': 'settings.baseConfig',
  'phones.maxWaitMinutes': 'settings.maxWait',
  'phones.callbackMinutes': 'settings.callback',
  'phones.emergencyNumbers': 'settings.emergencyNumbers',
  'phones.webhookUrl': 'settings.webhook',
  'privacy.aggregateOnly': 'settings.aggregateOnly',
  'privacy.retentionOn': 'settings.retentionOn',
  'privacy.retentionDays': 'settings.retention',
};

/** The choices of the two policies, as the page words them. */
const choiceLabels: Record<string, MessageId> = {
  'policies.secondDesk=move': 'settings.secondMove',
  'policies.secondDesk=refuse': 'settings.secondRefuse',
  'policies.secondDesk=allow': 'settings.secondAllow',
  'policies.occupiedDesk=takeover': 'settings.occupiedTakeOver',
  'policies.occupiedDesk=refuse': 'settings.occupiedRefuse',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A settings value as people read it: on/off, a policy's wording, lists with commas, nothing as "—". */
function readable(t: Translate, value: unknown, path: string): string {
  if (value === true) return t('audit.on');
  if (value === false) return t('audit.off');
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((item) => readable(t, item, path)).join(', ') || '—';
  if (isRecord(value)) return JSON.stringify(value);
  const choice = choiceLabels[`${path}=${String(value as string | number)}`];
  return choice ? t(choice) : String(value as string | number);
}

/**
 * The settings that differ between two settings objects, each as a sentence ("Turned on: “Aggregates only
 * (works-council mode)”", "“Retention (days)” changed from 90 to 30"). A setting the page does not show (one
 * newer than this console) keeps its key.
 */
export function settingsChanges(t: Translate, before: unknown, after: unknown, path = ''): string[] {
  if (isRecord(before) && isRecord(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((key) => key !== 'version' && key !== 'updatedAt' && key !== 'updatedBy')
      .flatMap((key) => settingsChanges(t, before[key], after[key], path === '' ? key : `${path}.${key}`));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const label = settingLabels[path];
  const setting = label ? t(label) : path;
  if (typeof after === 'boolean' && typeof before === 'boolean')
    return [t(after ? 'audit.settingOn' : 'audit.settingOff', { setting })];
  return [t('audit.settingChanged', { setting, before: readable(t, before, path), after: readable(t, after, path) })];
}
