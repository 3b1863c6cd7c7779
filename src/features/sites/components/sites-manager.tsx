import { useState } from 'react';
import type { Floor } from '../../../../contract/desks.ts';
import type { Site } from '../../../../contract/sites.ts';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { useDeleteSite, useDesksWithoutLocation, useSites } from '../api/sites.ts';
import { FloorSites } from './floor-sites.tsx';
import { SiteDialog } from './site-dialog.tsx';

const reasonText = {
  no_floor: 'on no floor',
  floor_without_site: 'its floor has no site',
  site_without_address: 'its site has no address',
} as const;

/** Every site with its address, PBX location and emergency number; facility and admin edit them. */
export function SitesManager({ floors, canEdit }: { floors: Floor[]; canEdit: boolean }) {
  const sites = useSites();
  const remove = useDeleteSite();
  const missing = useDesksWithoutLocation(canEdit);
  const [editing, setEditing] = useState<{ site: Site | null } | null>(null);
  const [deleting, setDeleting] = useState<Site | null>(null);

  if (sites.isPending) return <LoadingPanel label="Loading sites…" />;
  if (sites.isError) return <ErrorPanel error={sites.error} onRetry={() => void sites.refetch()} />;

  return (
    <div className="panel">
      {canEdit && (
        <div className="table-toolbar">
          <button type="button" className="button button-primary" onClick={() => setEditing({ site: null })}>
            New site
          </button>
        </div>
      )}
      {sites.data.length === 0 ? (
        <EmptyState title="No sites yet">
          <p>
            A site is a building with its street address and the PBX that serves it. Emergency calls from its desks
            carry the address, and people checking in there call from its PBX.
          </p>
        </EmptyState>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Sites</caption>
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">Address</th>
              <th scope="col">PBX location</th>
              <th scope="col">Emergency caller number</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {sites.data.map((site) => (
              <tr key={site.id}>
                <th scope="row">{site.name}</th>
                <td>{site.address || <span className="muted">No address yet</span>}</td>
                <td>{site.pbxLocation ?? <span className="muted">None</span>}</td>
                <td>{site.emergencyNumber ?? <span className="muted">—</span>}</td>
                {canEdit && (
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setEditing({ site })}
                      aria-label={`Edit site ${site.name}`}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button-small button-quiet-danger"
                      onClick={() => setDeleting(site)}
                      aria-label={`Delete site ${site.name}`}
                    >
                      Delete
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
          <h2 id="missing-locations-title">
            {missing.data.desks.length.toLocaleString()} desks without a dispatchable location
          </h2>
          <p className="muted">
            Their emergency calls carry no address. Put them on a floor, give the floor a site, and the site an address.
          </p>
          <ul>
            {missing.data.desks.slice(0, 12).map((desk) => (
              <li key={desk.id}>
                <strong>{desk.name}</strong> — {reasonText[desk.reason]}
                {desk.floor ? ` (${desk.floor})` : ''}
              </li>
            ))}
          </ul>
          {missing.data.desks.length > 12 && (
            <p className="muted">and {(missing.data.desks.length - 12).toLocaleString()} more.</p>
          )}
        </section>
      )}
      <SiteDialog site={editing?.site ?? null} open={editing !== null} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete site ${deleting?.name ?? ''}?`}
        confirmLabel="Delete site"
        danger
        busy={remove.isPending}
        onCancel={() => {
          remove.reset();
          setDeleting(null);
        }}
        onConfirm={() => deleting && remove.mutate(deleting, { onSuccess: () => setDeleting(null) })}
      >
        <p>Its floors and desks stay, without a site: their emergency calls carry no address until you assign one.</p>
        {remove.isError && (
          <p className="alert alert-error" role="alert">
            {remove.error.message}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
