import { useLingui } from '@lingui/react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { labelsAddressResponseSchema } from '../../contract/desks.ts';
import { useT } from '../i18n/use-t.ts';
import { apiRequest, hasBearerToken } from '../lib/api-client.ts';
import { downloadWithBearer } from '../lib/authorized-resource.ts';
import { deskKeys } from '../lib/query-keys.ts';
import { ConfirmDialog } from './dialog.tsx';

/** The most desks a label link names by id (the URL stays short); more are printed by floor. */
export const LABELS_BY_ID_MAX = 250;

/**
 * A link to the printable QR labels of some desks: a floor's, or a selection's by id, with the words on them in
 * the console's language. Opens the PDF in a new tab; with a myApps session (no cookie) it is fetched with the
 * token and saved instead. Next to it, where the QR codes lead; when PUBLIC_URL is unset, that is the service's
 * own address, which phones may not reach, so printing asks first.
 */
export function LabelsLink({ floorId, deskIds, label }: { floorId?: string; deskIds?: string[]; label: string }) {
  const t = useT();
  const { i18n } = useLingui();
  const [asking, setAsking] = useState(false);
  const target = useQuery({
    queryKey: [...deskKeys.all, 'labels-address'] as const,
    queryFn: ({ signal }) => apiRequest('/desks/labels-address', { schema: labelsAddressResponseSchema, signal }),
    staleTime: 5 * 60_000,
  });
  const query = floorId !== undefined ? `floorId=${floorId}` : `ids=${(deskIds ?? []).join(',')}`;
  const path = `/api/v1/desks/labels.pdf?${query}&lang=${i18n.locale === 'de' ? 'de' : 'en'}`;
  const unconfigured = target.data?.configured === false;
  const address = target.data?.address ?? '';
  const print = () => {
    if (hasBearerToken()) downloadWithBearer({ preventDefault: () => undefined }, path, 'desk-labels.pdf');
    else window.open(path, '_blank', 'noopener');
  };
  return (
    <span className="labels-link">
      <a
        className="button button-small"
        href={path}
        target="_blank"
        rel="noopener"
        onClick={(event) => {
          if (!unconfigured) return downloadWithBearer(event, path, 'desk-labels.pdf');
          event.preventDefault();
          setAsking(true);
        }}
      >
        {label}
      </a>
      {target.data && (
        <span
          className={`labels-address${unconfigured ? ' labels-address-warning' : ''}`}
          title={t('labels.pointsTo', { address })}
        >
          {unconfigured ? '⚠ ' : ''}
          {t('labels.pointsTo', { address: new URL(address).host })}
        </span>
      )}
      <ConfirmDialog
        open={asking}
        title={t('labels.unconfiguredTitle')}
        confirmLabel={t('labels.printAnyway')}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          print();
        }}
      >
        <p>{t('labels.unconfiguredBody', { address })}</p>
      </ConfirmDialog>
    </span>
  );
}
