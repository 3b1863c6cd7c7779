import { useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { useDeletePhonePin, useMyDesk, useSetPhonePin } from '../api/checkin.ts';

/**
 * Checking in on a desk phone: the person's own codes (with their extension filled in) and their phone PIN,
 * set or replaced here and never shown again.
 */
export function KeypadPanel() {
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
      <h2 id="keypad-title">Check in on the desk phone</h2>
      {extension ? (
        <p>
          At a free desk phone, dial{' '}
          <kbd className="keypad-code">
            {loginCode}*{extension}*<var>PIN</var>
          </kbd>
          . To leave, dial <kbd className="keypad-code">{logoutCode}</kbd> on it.
        </p>
      ) : (
        <p className="muted">You have no extension on the PBX, so you cannot check in on a desk phone.</p>
      )}
      <p className="muted">{pinSet ? 'Your PIN is set.' : 'Set a PIN first: four to eight digits.'}</p>
      <form className="inline-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="phone-pin">{pinSet ? 'New PIN' : 'PIN'}</label>
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
          {setPin.isPending ? 'Saving…' : pinSet ? 'Change PIN' : 'Set PIN'}
        </button>
        {pinSet && (
          <button type="button" className="button button-quiet-danger" onClick={() => setRemoving(true)}>
            Remove PIN
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
          Your PIN is saved. It is not shown again.
        </p>
      )}
      <ConfirmDialog
        open={removing}
        title="Remove your phone PIN?"
        confirmLabel="Remove PIN"
        danger
        busy={deletePin.isPending}
        onConfirm={() => deletePin.mutate(undefined, { onSettled: () => setRemoving(false) })}
        onCancel={() => setRemoving(false)}
      >
        <p>You can no longer check in on a desk phone until you set a new one.</p>
      </ConfirmDialog>
    </section>
  );
}
