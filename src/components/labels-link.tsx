import { downloadWithBearer } from '../lib/authorized-resource.ts';

/** The most desks a label link names by id (the URL stays short); more are printed by floor. */
export const LABELS_BY_ID_MAX = 250;

/**
 * A link to the printable QR labels of some desks: a floor's, or a selection's by id. Opens the PDF in a
 * new tab; with a myApps session (no cookie) it is fetched with the token and saved instead.
 */
export function LabelsLink({ floorId, deskIds, label }: { floorId?: string; deskIds?: string[]; label: string }) {
  const query = floorId !== undefined ? `floorId=${floorId}` : `ids=${(deskIds ?? []).join(',')}`;
  const path = `/api/v1/desks/labels.pdf?${query}`;
  return (
    <a
      className="button button-small"
      href={path}
      target="_blank"
      rel="noopener"
      onClick={(event) => downloadWithBearer(event, path, 'desk-labels.pdf')}
    >
      {label}
    </a>
  );
}
