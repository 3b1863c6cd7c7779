import type { Floor } from '../../../../contract/floors.ts';
import type { Site } from '../../../../contract/sites.ts';
import { useSetFloorSite } from '../api/sites.ts';
import { useT } from '../../../i18n/use-t.ts';

/** Which site each floor is in: one select per floor, saved as soon as it changes. */
export function FloorSites({ sites, floors, canEdit }: { sites: Site[]; floors: Floor[]; canEdit: boolean }) {
  const t = useT();
  const save = useSetFloorSite();
  if (floors.length === 0) return null;
  return (
    <section className="floor-sites" aria-labelledby="floor-sites-title">
      <h2 id="floor-sites-title">{t('floorSites.title')}</h2>
      {save.isError && (
        <p className="alert alert-error" role="alert">
          {save.error.message}
        </p>
      )}
      <table className="data-table">
        <caption className="visually-hidden">{t('floorSites.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('board.floor')}</th>
            <th scope="col">{t('floorDialog.building')}</th>
            <th scope="col">{t('floorDialog.site')}</th>
          </tr>
        </thead>
        <tbody>
          {floors.map((floor) => (
            <tr key={floor.id}>
              <th scope="row">{floor.name}</th>
              <td>{floor.building || <span className="muted">—</span>}</td>
              <td>
                {canEdit ? (
                  <select
                    aria-label={t('floorSites.siteOf', { floor: floor.name })}
                    value={floor.siteId ?? ''}
                    disabled={save.isPending}
                    onChange={(event) => save.mutate({ floor, siteId: event.target.value || null })}
                  >
                    <option value="">{t('floorDialog.noSite')}</option>
                    {sites.map((site) => (
                      <option key={site.id} value={site.id}>
                        {site.name}
                      </option>
                    ))}
                  </select>
                ) : (
                  (sites.find((site) => site.id === floor.siteId)?.name ?? (
                    <span className="muted">{t('floorDialog.noSite')}</span>
                  ))
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
