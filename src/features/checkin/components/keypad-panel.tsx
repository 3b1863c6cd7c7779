import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { phonePinRequestSchema } from '../../../../contract/checkin.ts';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { TextField } from '../../../components/form-parts.tsx';
import { localized } from '../../../i18n/localized-resolver.ts';
import { useDeletePhonePin, useMyDesk, useSetPhonePin } from '../api/checkin.ts';
import { useT } from '../../../i18n/use-t.ts';

/**
 * Checking in on a desk phone: the person's own codes (with their extension filled in) and their phone PIN,
 * set or replaced here and never shown again.
 */
export function KeypadPanel() {
  const t = useT();
  const myDesk = useMyDesk();
  const setPin = useSetPhonePin();
  const deletePin = useDeletePhonePin();
  const [removing, setRemoving] = useState(false);
  const {
    register,
    handleSubmit,
    control,
    reset,
    setValue,
    setError,
    formState: { errors },
  } = useForm<{ pin: string }>({
    defaultValues: { pin: '' },
    resolver: localized(zodResolver(phonePinRequestSchema)),
  });
  const pin = useWatch({ control, name: 'pin' });
  if (!myDesk.data?.loginMethods.phone) return null;
  const { extension, pinSet, loginCode, logoutCode } = myDesk.data.keypad;

  const submit = handleSubmit(({ pin: chosen }) =>
    setPin.mutate(chosen, {
      onSuccess: () => reset({ pin: '' }),
      onError: (error) => setError('pin', { message: error.fields.pin ?? error.message }),
    }),
  );

  return (
    <section className="card keypad-panel" aria-labelledby="keypad-title">
      <h2 id="keypad-title">{t('keypad.title')}</h2>
      {extension ? (
        <p>
          {t('keypad.dial')}{' '}
          <kbd className="keypad-code">
            {loginCode}*{extension}*<var>{t('keypad.pin')}</var>
          </kbd>
          . {t('keypad.leave')} <kbd className="keypad-code">{logoutCode}</kbd>
        </p>
      ) : (
        <p className="muted">{t('keypad.noExtension')}</p>
      )}
      <p className="muted">{pinSet ? t('keypad.pinSet') : t('keypad.setFirst')}</p>
      <form className="inline-form" onSubmit={submit} noValidate>
        <TextField
          id="phone-pin"
          label={pinSet ? t('keypad.newPin') : t('keypad.pin')}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          maxLength={8}
          error={errors.pin?.message}
          {...register('pin', {
            // Digits only, as a phone's keypad has them.
            onChange: (event: { target: { value: string } }) => setValue('pin', event.target.value.replace(/\D/g, '')),
          })}
        />
        <button type="submit" className="button button-primary" disabled={setPin.isPending || pin.length < 4}>
          {setPin.isPending ? t('common.saving') : pinSet ? t('keypad.change') : t('keypad.set')}
        </button>
        {pinSet && (
          <button type="button" className="button button-quiet-danger" onClick={() => setRemoving(true)}>
            {t('keypad.remove')}
          </button>
        )}
      </form>
      {setPin.isSuccess && (
        <p className="alert alert-success" role="status">
          {t('keypad.saved')}
        </p>
      )}
      <ConfirmDialog
        open={removing}
        title={t('keypad.removeTitle')}
        confirmLabel={t('keypad.remove')}
        danger
        busy={deletePin.isPending}
        onConfirm={() => deletePin.mutate(undefined, { onSettled: () => setRemoving(false) })}
        onCancel={() => setRemoving(false)}
      >
        <p>{t('keypad.removeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
