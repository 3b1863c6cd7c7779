import { useId, useState, type FormEvent } from 'react';
import { signInRequestSchema, type Role, type SignInRequest } from '../../../../contract/api.ts';
import { TextField } from '../../../components/form-parts.tsx';
import { contractMessage } from '../../../i18n/i18n.ts';
import { useSignIn } from '../api/session.ts';
import { useT } from '../../../i18n/use-t.ts';

interface SignInFormProps {
  onSignedIn: (roles: readonly Role[]) => void;
}

type FieldMessages = Partial<Record<keyof SignInRequest, string>>;

/** The form's values checked by the contract's schema: the credentials, or a message per field that is wrong. */
function check(form: HTMLFormElement): { credentials: SignInRequest } | { errors: FieldMessages } {
  const data = new FormData(form);
  const result = signInRequestSchema.safeParse({ username: data.get('username'), password: data.get('password') });
  if (result.success) return { credentials: result.data };
  const errors: FieldMessages = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if ((field === 'username' || field === 'password') && errors[field] === undefined)
      errors[field] = contractMessage(issue.message);
  }
  return { errors };
}

/**
 * The first screen's only form, so it has no form library (react-hook-form would be 13 kB gzip of the first
 * script): checked on submit, then again on every change, as the console's other forms do.
 */
export function SignInForm({ onSignedIn }: SignInFormProps) {
  const signIn = useSignIn();
  const t = useT();
  const errorId = useId();
  /** Null until the first submit: nobody is told off while still typing. */
  const [errors, setErrors] = useState<FieldMessages | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const outcome = check(event.currentTarget);
    if ('errors' in outcome) {
      setErrors(outcome.errors);
      const first = outcome.errors.username !== undefined ? 'username' : 'password';
      event.currentTarget.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setErrors({});
    signIn.mutate(outcome.credentials, { onSuccess: (session) => onSignedIn(session.user.roles) });
  };
  const recheck = (event: FormEvent<HTMLFormElement>) => {
    if (errors === null) return;
    const outcome = check(event.currentTarget);
    setErrors('errors' in outcome ? outcome.errors : {});
  };

  const serverError = signIn.error;
  return (
    <form
      className="sign-in-form"
      onSubmit={submit}
      onChange={recheck}
      noValidate
      aria-describedby={serverError ? errorId : undefined}
    >
      {serverError && (
        <div
          id={errorId}
          className={serverError.status === 429 ? 'alert alert-warning' : 'alert alert-error'}
          role="alert"
        >
          <strong>{serverError.status === 429 ? t('signIn.paused') : t('signIn.failed')} </strong>
          {serverError.message}
        </div>
      )}
      <TextField
        id="username"
        name="username"
        label={t('signIn.username')}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        error={errors?.username}
      />
      <TextField
        id="password"
        name="password"
        label={t('signIn.password')}
        type="password"
        autoComplete="current-password"
        error={errors?.password}
      />
      <button type="submit" className="button button-primary button-block" disabled={signIn.isPending}>
        {signIn.isPending ? t('signIn.pending') : t('signIn.submit')}
      </button>
    </form>
  );
}
