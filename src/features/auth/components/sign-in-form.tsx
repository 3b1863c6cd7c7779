import { zodResolver } from '@hookform/resolvers/zod';
import { localized } from '../../../i18n/localized-resolver.ts';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { signInRequestSchema, type Role, type SignInRequest } from '../../../../contract/api.ts';
import { useSignIn } from '../api/session.ts';
import { useT } from '../../../i18n/use-t.ts';

interface SignInFormProps {
  onSignedIn: (roles: readonly Role[]) => void;
}

export function SignInForm({ onSignedIn }: SignInFormProps) {
  const signIn = useSignIn();
  const t = useT();
  const errorId = useId();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<SignInRequest>({
    resolver: localized(zodResolver(signInRequestSchema)),
    defaultValues: { username: '', password: '' },
  });

  const submit = handleSubmit((credentials) => {
    signIn.mutate(credentials, { onSuccess: (session) => onSignedIn(session.user.roles) });
  });

  const serverError = signIn.error;
  return (
    <form
      className="sign-in-form"
      onSubmit={(event) => void submit(event)}
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
      <div className="field">
        <label htmlFor="username">{t('signIn.username')}</label>
        <input
          id="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={errors.username ? true : undefined}
          aria-describedby={errors.username ? 'username-error' : undefined}
          {...register('username')}
        />
        {errors.username && (
          <p id="username-error" className="field-error">
            {errors.username.message}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="password">{t('signIn.password')}</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? 'password-error' : undefined}
          {...register('password')}
        />
        {errors.password && (
          <p id="password-error" className="field-error">
            {errors.password.message}
          </p>
        )}
      </div>
      <button type="submit" className="button button-primary button-block" disabled={signIn.isPending}>
        {signIn.isPending ? t('signIn.pending') : t('signIn.submit')}
      </button>
    </form>
  );
}
