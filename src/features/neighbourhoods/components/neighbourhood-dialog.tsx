import { useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { Floor, Zone } from '../../../../contract/floors.ts';
import { neighbourhoodInputSchema, type Neighbourhood } from '../../../../contract/neighbourhoods.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { Choice, DialogFormFooter, TextField } from '../../../components/form-parts.tsx';
import { contractMessage } from '../../../i18n/i18n.ts';
import { useT } from '../../../i18n/use-t.ts';
import { useSaveNeighbourhood } from '../api/neighbourhoods.ts';

interface NeighbourhoodForm {
  name: string;
  pbxGroup: string;
  /** `members`: members only; `from`: others from `othersFrom` on. */
  access: 'members' | 'from';
  othersFrom: string;
  zoneIds: string[];
  /** Single desks by name, separated by commas or spaces. */
  deskNames: string;
}

const FIELDS = ['name', 'pbxGroup', 'othersFrom', 'zoneIds', 'deskNames'] as const;

/** Create or edit a neighbourhood: its name, the PBX group it is for, who else may use it, and its zones. */
export function NeighbourhoodDialog({
  current,
  open,
  groups,
  zones,
  floors,
  taken,
  onClose,
}: {
  current: Neighbourhood | null;
  open: boolean;
  groups: string[];
  zones: Zone[];
  floors: Floor[];
  /** Zones already in another neighbourhood, with its name (a zone is in one at most). */
  taken: ReadonlyMap<string, string>;
  onClose: () => void;
}) {
  const t = useT();
  const save = useSaveNeighbourhood();
  const groupListId = useId();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    control,
    formState: { errors },
  } = useForm<NeighbourhoodForm>({
    values: {
      name: current?.name ?? '',
      pbxGroup: current?.pbxGroup ?? '',
      access: current?.othersFrom ? 'from' : 'members',
      othersFrom: current?.othersFrom ?? '10:00',
      zoneIds: current?.zones.map((zone) => zone.id) ?? [],
      deskNames: current?.desks.map((desk) => desk.name).join(', ') ?? '',
    },
  });
  const access = useWatch({ control, name: 'access' });
  const close = () => {
    reset();
    save.reset();
    onClose();
  };
  const submit = handleSubmit((form) => {
    const values = {
      name: form.name,
      pbxGroup: form.pbxGroup,
      othersFrom: form.access === 'from' ? form.othersFrom.trim() : null,
      zoneIds: form.zoneIds,
      deskIds: [],
      deskNames: form.deskNames
        .split(/[\s,;]+/)
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    };
    const parsed = neighbourhoodInputSchema.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = FIELDS.find((name) => name === issue.path[0]);
        if (field) setError(field, { message: contractMessage(issue.message) });
      }
      return;
    }
    save.mutate(
      { current, values },
      {
        onSuccess: close,
        onError: (error) => {
          for (const [path, message] of Object.entries(error.fields)) {
            const field = FIELDS.find((name) => name === path.split('.')[0]);
            if (field) setError(field, { message });
          }
        },
      },
    );
  });
  const floorName = new Map(floors.map((floor) => [floor.id, floor.name]));
  const grouped = new Map<string, Zone[]>();
  for (const zone of zones) grouped.set(zone.floorId, [...(grouped.get(zone.floorId) ?? []), zone]);
  // In the floors' own order (as the floor list has them).
  const byFloor = floors.flatMap((floor) => {
    const onFloor = grouped.get(floor.id);
    return onFloor ? [[floor.id, onFloor] as const] : [];
  });
  return (
    <Dialog
      open={open}
      title={current ? t('neighbourhoods.editTitle', { name: current.name }) : t('neighbourhoods.new')}
      onClose={close}
      dismissible={!save.isPending}
      footer={
        <DialogFormFooter
          form="neighbourhood-form"
          submitLabel={current ? t('neighbourhoods.save') : t('neighbourhoods.create')}
          pendingLabel={t('common.saving')}
          pending={save.isPending}
          onCancel={close}
        />
      }
    >
      <form id="neighbourhood-form" className="form-grid" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          id="neighbourhood-name"
          label={t('neighbourhoods.name')}
          error={errors.name?.message}
          {...register('name')}
        />
        <TextField
          id="neighbourhood-group"
          label={t('neighbourhoods.group')}
          list={groupListId}
          hint={t('neighbourhoods.groupHint')}
          error={errors.pbxGroup?.message}
          {...register('pbxGroup')}
        />
        <datalist id={groupListId}>
          {groups.map((group) => (
            <option key={group} value={group} />
          ))}
        </datalist>
        <fieldset className="field">
          <legend>{t('neighbourhoods.others')}</legend>
          <Choice type="radio" value="members" {...register('access')} label={t('neighbourhoods.membersOnly')} />
          <Choice type="radio" value="from" {...register('access')} label={t('neighbourhoods.othersFromLabel')} />
          {access === 'from' && (
            <TextField
              id="neighbourhood-from"
              className="time-input"
              label={t('neighbourhoods.othersFrom')}
              inputMode="numeric"
              maxLength={5}
              error={errors.othersFrom?.message}
              {...register('othersFrom')}
            />
          )}
        </fieldset>
        <fieldset className="field" aria-describedby={errors.zoneIds ? 'neighbourhood-zones-error' : undefined}>
          <legend>{t('neighbourhoods.zones')}</legend>
          {byFloor.length === 0 && <p className="field-hint">{t('neighbourhoods.noZones')}</p>}
          {byFloor.map(([floorId, floorZones]) => (
            <div key={floorId} className="neighbourhood-floor">
              <p className="muted">{floorName.get(floorId) ?? ''}</p>
              {floorZones.map((zone) => {
                const other = taken.get(zone.id);
                return (
                  <Choice
                    key={zone.id}
                    value={zone.id}
                    disabled={other !== undefined}
                    {...register('zoneIds')}
                    label={
                      other === undefined ? zone.name : t('neighbourhoods.zoneTaken', { zone: zone.name, name: other })
                    }
                  />
                );
              })}
            </div>
          ))}
          {errors.zoneIds && (
            <p id="neighbourhood-zones-error" className="field-error">
              {errors.zoneIds.message}
            </p>
          )}
        </fieldset>
        <TextField
          id="neighbourhood-desks"
          label={t('neighbourhoods.singleDesks')}
          hint={t('neighbourhoods.singleDesksHint')}
          error={errors.deskNames?.message}
          {...register('deskNames')}
        />
        {save.isError && Object.keys(save.error.fields).length === 0 && (
          <p className="alert alert-error" role="alert">
            {save.error.message}
          </p>
        )}
      </form>
    </Dialog>
  );
}
