import type { ImportResponse } from '../../../../contract/desks.ts';
import { useT } from '../../../i18n/use-t.ts';
import { Choice } from '../../../components/form-parts.tsx';

/**
 * Removing desks people sit at needs a decision. Helpdesk and administrators may log them out; facility
 * managers may only leave the phones as they are (the service refuses the logout for them too).
 */
export function OccupiedChoice({
  needs,
  occupied,
  onChange,
}: {
  needs: ImportResponse['needs'];
  occupied: 'logout' | 'leave' | null;
  onChange: (choice: 'logout' | 'leave') => void;
}) {
  const t = useT();
  const count = needs.occupiedRemovedCount;
  const named = needs.occupiedRemoved
    .slice(0, 5)
    .map((desk) => `${desk.deskName}: ${desk.occupant}`)
    .join(', ');
  return (
    <fieldset className="alert alert-warning settings-group-plain">
      <legend>{t('occupied.question', { count, named, more: Math.max(0, count - 5) })}</legend>
      <label className="checkbox">
        <input
          type="radio"
          name="occupied"
          checked={occupied === 'logout'}
          disabled={!needs.mayLogOut}
          onChange={() => onChange('logout')}
        />
        {t('occupied.logout')}
      </label>
      {!needs.mayLogOut && <p className="field-hint">{t('occupied.onlyHelpdesk')}</p>}
      <Choice
        type="radio"
        name="occupied"
        checked={occupied === 'leave'}
        onChange={() => onChange('leave')}
        label={t('occupied.leave')}
      />
    </fieldset>
  );
}
