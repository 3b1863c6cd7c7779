import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { useT } from '../i18n/use-t.ts';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> {
  id: string;
  label: string;
  /** The field's error message (from the form's resolver or the service), linked to the input. */
  error?: string | undefined;
  /** A sentence under the field, linked to the input. */
  hint?: ReactNode;
  /** Classes beside `field` on the block (e.g. `field-narrow`). */
  fieldClassName?: string;
  /** After the input: e.g. its `<datalist>`. */
  after?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A labelled text input with its hint and its error, both announced with the input; react-hook-form's `register`
 * spreads in. The console's one way to write a field.
 */
export function TextField({ id, label, error, hint, fieldClassName, after, ref, ...input }: TextFieldProps) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className={fieldClassName ? `field ${fieldClassName}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={ref}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {after}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface ChoiceProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'children' | 'type'> {
  /** What choosing it means, beside the box. */
  label: ReactNode;
  type?: 'checkbox' | 'radio';
  ref?: Ref<HTMLInputElement>;
}

/** A checkbox or a radio button with its words, the whole line clickable; react-hook-form's `register` spreads in. */
export function Choice({ label, type = 'checkbox', ref, ...input }: ChoiceProps) {
  return (
    <label className="checkbox">
      <input type={type} ref={ref} {...input} />
      {label}
    </label>
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
