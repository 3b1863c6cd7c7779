import { useDeferredValue } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { CheckinResponse } from '../../../../contract/checkin.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { DialogFormFooter, TextField } from '../../../components/form-parts.tsx';
import { useCheckinOnBehalf } from '../api/occupancy.ts';
import { usePeople } from '../../../lib/people.ts';
import { formatList } from '../../../i18n/format.ts';
import { useT, type Translate } from '../../../i18n/use-t.ts';

interface CheckinSomeoneDialogProps {
  /** The free desk to check someone in at; null: closed. */
  desk: { id: string; name: string } | null;
  onClose: () => void;
  /** What happened, in a sentence, for the page's status line. */
  onDone: (outcome: string) => void;
}

function outcome(t: Translate, person: string, response: CheckinResponse): string {
  const parts = [t('someone.done', { name: person, desk: response.session.deskName })];
  if (response.tookOverFrom) parts.push(t('checkin.tookOver', { name: response.tookOverFrom }));
  if (response.movedFrom.length > 0) {
    parts.push(t('someone.moved', { name: person, desks: formatList(response.movedFrom) }));
  }
  return parts.join(' ');
}

/** Helpdesk checks a person in at a desk: find them by name, extension or user name, choose, confirm. */
export function CheckinSomeoneDialog({ desk, onClose, onDone }: CheckinSomeoneDialogProps) {
  const t = useT();
  const { register, handleSubmit, control, reset, setValue } = useForm({ defaultValues: { query: '', person: '' } });
  const [query, chosenName] = useWatch({ control, name: ['query', 'person'] });
  const people = usePeople(useDeferredValue(query));
  const checkin = useCheckinOnBehalf();
  const close = () => {
    reset();
    checkin.reset();
    onClose();
  };
  const found = people.data ?? [];
  // One person found is the one meant: "Check in" works without choosing them first.
  const person =
    found.find((candidate) => candidate.name === chosenName) ?? (found.length === 1 ? found[0] : null) ?? null;
  const submit = handleSubmit(() => {
    if (!desk || !person) return;
    checkin.mutate(
      { deskId: desk.id, user: person.name },
      {
        onSuccess: (response) => {
          onDone(outcome(t, person.displayName, response));
          close();
        },
      },
    );
  });

  return (
    <Dialog
      open={desk !== null}
      title={t('someone.title', { desk: desk?.name ?? '' })}
      onClose={close}
      size="small"
      dismissible={!checkin.isPending}
      footer={
        <DialogFormFooter
          form="checkin-someone-form"
          submitLabel={person ? t('someone.submitNamed', { name: person.displayName }) : t('someone.submit')}
          pendingLabel={t('checkin.checkingIn')}
          pending={checkin.isPending}
          ready={person !== null}
          onCancel={close}
        />
      }
    >
      <form id="checkin-someone-form" className="form-grid" onSubmit={submit} noValidate>
        <TextField
          id="person-search"
          label={t('someone.person')}
          type="search"
          placeholder={t('someone.placeholder')}
          {...register('query')}
        />
        <fieldset className="person-choices">
          <legend className="visually-hidden">{t('someone.choose')}</legend>
          {query.trim().length < 2 ? (
            <p className="muted">{t('someone.typeMore')}</p>
          ) : people.isPending ? (
            <p className="muted">{t('someone.searching')}</p>
          ) : people.isError ? (
            <p className="field-error" role="alert">
              {people.error.message}
            </p>
          ) : found.length === 0 ? (
            <p className="muted">{t('someone.nobody', { query: query.trim() })}</p>
          ) : (
            found.map((candidate) => (
              <label key={candidate.name} className="radio person-choice">
                <input
                  type="radio"
                  name="person"
                  // The one whom "Check in" would check in: chosen, or the only one found.
                  checked={candidate.name === person?.name}
                  onChange={() => setValue('person', candidate.name)}
                />
                <span>
                  {candidate.displayName}
                  <span className="muted">
                    {' '}
                    · {candidate.extension ? `${t('someone.ext', { extension: candidate.extension })} · ` : ''}
                    {candidate.name}
                  </span>
                </span>
              </label>
            ))
          )}
        </fieldset>
        {checkin.isError && (
          <p className="alert alert-error" role="alert">
            {checkin.error.message}
          </p>
        )}
      </form>
    </Dialog>
  );
}
