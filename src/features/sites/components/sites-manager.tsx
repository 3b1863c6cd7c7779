import { useState } from 'react';
import type { Floor } from '../../../../contract/floors.ts';
import type { Site } from '../../../../contract/sites.ts';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { useDeleteSite, useDesksWithoutLocation, useSites } from '../api/sites.ts';
import { FloorSites } from './floor-sites.tsx';
import { officeHoursText } from './office-hours-text.ts';
import { SiteDialog } from './site-dialog.tsx';
import { useT } from '../../../i18n/use-t.ts';

const reasonText = {
  no_floor: 'sites.reasonNoFloor',
  floor_without_site: 'sites.reasonNoSite',
  site_without_address: 'sites.reasonNoAddress',
} as const;

/** Every site with its address, PBX location and emergency number; facility and admin edit them. */
export function SitesManager({ floors, canEdit }: { floors: Floor[]; canEdit: boolean }) {
  const t = useT();
  const sites = useSites();
  const remove = useDeleteSite();
  const missing = useDesksWithoutLocation(canEdit);
  const [editing, setEditing] = useState<{ site: Site | null } | null>(null);
  const [deleting, setDeleting] = useState<Site | null>(null);

  if (sites.isPending) return <LoadingPanel label={t('sites.loading')} />;
  if (sites.isError) return <ErrorPanel error={sites.error} onRetry={() => void sites.refetch()} />;

  return (
    <div className="panel">
      {canEdit && (
        <div className="table-toolbar">
          <button type="button" className="button button-primary" onClick={() => setEditing({ site: null })}>
            {t('sites.new')}
          </button>
        </div>
      )}
      {sites.data.length === 0 ? (
        <EmptyState title={t('sites.emptyTitle')}>
          <p>{t('sites.emptyBody')}</p>
        </EmptyState>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t('desks.tabSites')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('floorDialog.site')}</th>
              <th scope="col">{t('sites.address')}</th>
              <th scope="col">{t('sites.pbxLocation')}</th>
              <th scope="col">{t('sites.emergencyNumber')}</th>
              <th scope="col">{t('siteDialog.officeHours')}</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">{t('board.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {sites.data.map((site) => (
              <tr key={site.id}>
                <th scope="row">{site.name}</th>
                <td>{site.address || <span className="muted">{t('sites.noAddress')}</span>}</td>
                <td>{site.pbxLocation ?? <span className="muted">{t('deskTable.noLocation')}</span>}</td>
                <td>{site.emergencyNumber ?? <span className="muted">—</span>}</td>
                <td>{officeHoursText(site.officeHours)}</td>
                {canEdit && (
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setEditing({ site })}
                      aria-label={t('sites.editLabel', { site: site.name })}
                    >
                      {t('deskTable.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button-small button-quiet-danger"
                      onClick={() => setDeleting(site)}
                      aria-label={t('sites.deleteLabel', { site: site.name })}
                    >
                      {t('deskTable.delete')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sites.data.length > 0 && <FloorSites sites={sites.data} floors={floors} canEdit={canEdit} />}
      {canEdit && missing.data && missing.data.desks.length > 0 && (
        <section className="missing-locations" aria-labelledby="missing-locations-title">
          <h2 id="missing-locations-title">{t('sites.missingTitle', { count: missing.data.desks.length })}</h2>
          <p className="muted">{t('sites.missingBody')}</p>
          <ul>
            {missing.data.desks.slice(0, 12).map((desk) => (
              <li key={desk.id}>
                <strong>{desk.name}</strong> — {t(reasonText[desk.reason])}
                {desk.floor ? ` (${desk.floor})` : ''}
              </li>
            ))}
          </ul>
          {missing.data.desks.length > 12 && (
            <p className="muted">{t('sites.more', { count: missing.data.desks.length - 12 })}</p>
          )}
        </section>
      )}
      <SiteDialog site={editing?.site ?? null} open={editing !== null} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={t('sites.deleteTitle', { site: deleting?.name ?? '' })}
        confirmLabel={t('sites.delete')}
        danger
        busy={remove.isPending}
        onCancel={() => {
          remove.reset();
          setDeleting(null);
        }}
        onConfirm={() => deleting && remove.mutate(deleting, { onSuccess: () => setDeleting(null) })}
      >
        <p>{t('sites.deleteBody')}</p>
        {remove.isError && (
          <p className="alert alert-error" role="alert">
            {remove.error.message}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
