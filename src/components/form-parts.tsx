import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { useT } from '../i18n/use-t.ts';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  id: string;
  label: string;
  /** The field's error message (from the form's resolver or the service), linked to the input. */
  error?: string | undefined;
  /** A sentence under the field. */
  hint?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled text input with its hint and its error, announced with the input (react-hook-form's `register` spreads in). */
export function TextField({ id, label, error, hint, ref, ...input }: TextFieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={ref}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...input}
      />
      {hint && <p className="field-hint">{hint}</p>}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface DialogFormFooterProps {
  /** The form the submit button submits. */
  form: string;
  submitLabel: string;
  onCancel: () => void;
  /** While saving: both buttons disabled, the submit button says `pendingLabel`. */
  pending?: boolean;
  pendingLabel?: string;
  /** The submit button stays off until the form can be sent (e.g. nothing chosen yet). */
  ready?: boolean;
}

/** Cancel and submit, for a dialog holding a form. */
export function DialogFormFooter({
  form,
  submitLabel,
  onCancel,
  pending = false,
  pendingLabel,
  ready = true,
}: DialogFormFooterProps) {
  const t = useT();
  return (
    <>
      <button type="button" className="button" onClick={onCancel} disabled={pending}>
        {t('common.cancel')}
      </button>
      <button type="submit" form={form} className="button button-primary" disabled={pending || !ready}>
        {pending && pendingLabel ? pendingLabel : submitLabel}
      </button>
    </>
  );
}
