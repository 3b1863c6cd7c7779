import { formatList } from '../../../i18n/format.ts';
import type { MessageId } from '../../../i18n/i18n.ts';
import { useT } from '../../../i18n/use-t.ts';

const featureNames: Record<string, MessageId> = {
  'phones.baseObjects': 'settings.feature.phones.baseObjects',
  'phones.locationFollowsDesk': 'settings.feature.phones.locationFollowsDesk',
  'loginMethods.phone': 'settings.feature.loginMethods.phone',
  'privacy.aggregateOnly': 'settings.feature.privacy.aggregateOnly',
  'privacy.retentionDays': 'settings.feature.privacy.retentionDays',
};

/** After an upgrade: the new features kept off so that the installation works as before. */
export function UpgradeNotes({ notes }: { notes: string[] }) {
  const t = useT();
  if (notes.length === 0) return null;
  const features = notes.map((note) => {
    const name = featureNames[note];
    return name ? t(name) : note;
  });
  return (
    <p className="alert alert-info" role="status">
      {t('settings.upgradeNotes', { features: formatList(features) })}
    </p>
  );
}
