import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { z } from '../../../../contract/zod.ts';
import { emailAddressSchema, type MailPreferences, type MailPreferencesInput } from '../../../../contract/mail.ts';
import { ErrorPanel } from '../../../components/error-panel.tsx';
import { Choice, TextField } from '../../../components/form-parts.tsx';
import { LoadingPanel } from '../../../components/loading-panel.tsx';
import { localized } from '../../../i18n/localized-resolver.ts';
import { useT } from '../../../i18n/use-t.ts';
import { useMailPreferences, useSaveMailPreferences } from '../api/mail.ts';

/** The form: one's own address as a switch and a field (empty: the PBX's), the language as '' for "the default". */
const formSchema = z
  .object({
    ownAddress: z.boolean(),
    address: z.string(),
    language: z.enum(['', 'en', 'de']),
    bookings: z.boolean(),
    reminders: z.boolean(),
    releases: z.boolean(),
    dailySummary: z.boolean(),
  })
  .superRefine((form, context) => {
    if (!form.ownAddress) return;
    const parsed = emailAddressSchema.safeParse(form.address);
    if (!parsed.success)
      context.addIssue({ code: 'custom', path: ['address'], message: parsed.error.issues[0]?.message ?? '' });
  });
type MailForm = z.infer<typeof formSchema>;

const toForm = (preferences: MailPreferences): MailForm => ({
  ownAddress: preferences.address !== null,
  address: preferences.address ?? '',
  language: preferences.language ?? '',
  bookings: preferences.bookings,
  reminders: preferences.reminders,
  releases: preferences.releases,
  dailySummary: preferences.dailySummary,
});

const toInput = (form: MailForm): MailPreferencesInput => ({
  address: form.ownAddress ? form.address.trim() : null,
  language: form.language === '' ? null : form.language,
  bookings: form.bookings,
  reminders: form.reminders,
  releases: form.releases,
  dailySummary: form.dailySummary,
});

/** What each person gets by e-mail, where to and in which language (My desk → E-mail). */
export function MailPreferencesPanel() {
  const t = useT();
  const preferences = useMailPreferences();
  return (
    <section className="card mail-preferences" aria-labelledby="mail-title">
      <h2 id="mail-title">{t('mail.title')}</h2>
      {preferences.isPending ? (
        <LoadingPanel label={t('mail.loading')} />
      ) : preferences.isError ? (
        <ErrorPanel error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : (
        <MailPreferencesForm preferences={preferences.data} />
      )}
    </section>
  );
}

function MailPreferencesForm({ preferences }: { preferences: MailPreferences }) {
  const t = useT();
  const save = useSaveMailPreferences();
  const {
    register,
    handleSubmit,
    control,
    setError,
    reset,
    formState: { errors, isDirty },
  } = useForm<MailForm>({ defaultValues: toForm(preferences), resolver: localized(zodResolver(formSchema)) });
  const ownAddress = useWatch({ control, name: 'ownAddress' });
  const submit = handleSubmit((form) =>
    save.mutate(toInput(form), {
      onSuccess: (saved) => reset(toForm(saved)),
      onError: (error) => {
        if (error.fields.address) setError('address', { message: error.fields.address });
      },
    }),
  );
  const where = preferences.effectiveAddress;
  return (
    <form className="form-grid" onSubmit={(event) => void submit(event)} noValidate>
      <p className="muted">
        {where ? t('mail.goesTo', { address: where }) : t('mail.noAddress')}{' '}
        {!preferences.sending && t('mail.notSending')}
      </p>
      <fieldset className="field">
        <legend>{t('mail.topics')}</legend>
        <Choice {...register('bookings')} label={t('mail.bookings')} />
        <Choice {...register('reminders')} label={t('mail.reminders')} />
        <Choice {...register('releases')} label={t('mail.releases')} />
        {preferences.dailySummaryOffered && <Choice {...register('dailySummary')} label={t('mail.dailySummary')} />}
        <p className="field-hint">{t('mail.safety')}</p>
      </fieldset>
      <div className="field">
        <label htmlFor="mail-language">{t('mail.language')}</label>
        <select id="mail-language" {...register('language')}>
          <option value="">{t('mail.languageDefault')}</option>
          <option value="de">Deutsch</option>
          <option value="en">English</option>
        </select>
      </div>
      <label className="checkbox">
        <input type="checkbox" {...register('ownAddress')} />
        {preferences.pbxAddress
          ? t('mail.ownAddressInstead', { address: preferences.pbxAddress })
          : t('mail.ownAddress')}
      </label>
      {ownAddress && (
        <TextField
          id="mail-address"
          label={t('mail.address')}
          type="email"
          autoComplete="email"
          error={errors.address?.message}
          {...register('address')}
        />
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.isPending || !isDirty}>
          {save.isPending ? t('common.saving') : t('mail.save')}
        </button>
      </div>
      {save.isError && !save.error.fields.address && (
        <p className="alert alert-error" role="alert">
          {save.error.message}
        </p>
      )}
      {save.isSuccess && !isDirty && (
        <p className="alert alert-success" role="status">
          {t('mail.saved')}
        </p>
      )}
    </form>
  );
}
