import { useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../../../components/dialog.tsx';
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
  const [pin, setPinText] = useState('');
  const [removing, setRemoving] = useState(false);
  if (!myDesk.data?.loginMethods.phone) return null;
  const { extension, pinSet, loginCode, logoutCode } = myDesk.data.keypad;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPin.mutate(pin, { onSuccess: () => setPinText('') });
  };

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
        <div className="field">
          <label htmlFor="phone-pin">{pinSet ? t('keypad.newPin') : t('keypad.pin')}</label>
          <input
            id="phone-pin"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={8}
            value={pin}
            aria-invalid={setPin.isError ? true : undefined}
            aria-describedby={setPin.isError ? 'phone-pin-error' : undefined}
            onChange={(event) => setPinText(event.target.value.replace(/\D/g, ''))}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={setPin.isPending || pin.length < 4}>
          {setPin.isPending ? t('common.saving') : pinSet ? t('keypad.change') : t('keypad.set')}
        </button>
        {pinSet && (
          <button type="button" className="button button-quiet-danger" onClick={() => setRemoving(true)}>
            {t('keypad.remove')}
          </button>
        )}
      </form>
      {setPin.isError && (
        <p id="phone-pin-error" className="field-error" role="alert">
          {setPin.error.fields.pin ?? setPin.error.message}
        </p>
      )}
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
