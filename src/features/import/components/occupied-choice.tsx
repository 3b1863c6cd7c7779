import type { ImportResponse } from '../../../../contract/desks.ts';

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
  const count = needs.occupiedRemovedCount;
  const named = needs.occupiedRemoved
    .slice(0, 5)
    .map((desk) => `${desk.deskName}: ${desk.occupant}`)
    .join(', ');
  const more = count > 5 ? ` and ${(count - 5).toLocaleString()} more` : '';
  return (
    <fieldset className="alert alert-warning settings-group-plain">
      <legend>
        {count.toLocaleString()} desk{count === 1 ? '' : 's'} to be removed {count === 1 ? 'is' : 'are'} in use ({named}
        {more}). What happens to the people?
      </legend>
      <label className="checkbox">
        <input
          type="radio"
          name="occupied"
          checked={occupied === 'logout'}
          disabled={!needs.mayLogOut}
          onChange={() => onChange('logout')}
        />{' '}
        Log them out (their desk phones stop ringing for them)
      </label>
      {!needs.mayLogOut && <p className="field-hint">Only helpdesk and administrators can log people out.</p>}
      <label className="checkbox">
        <input type="radio" name="occupied" checked={occupied === 'leave'} onChange={() => onChange('leave')} /> Leave
        their phones as they are on the PBX
      </label>
    </fieldset>
  );
}
