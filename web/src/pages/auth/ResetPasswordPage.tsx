import { useMutation } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { confirmPasswordReset } from '../../api/endpoints.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { AuthLayout } from './AuthLayout.tsx';

const MIN_LENGTH = 10;

export function ResetPasswordPage() {
  const { token } = useSearch({ from: '/reset-password' });
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const confirm = useMutation({ mutationFn: confirmPasswordReset });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== repeat);
    if (password === repeat && token) confirm.mutate({ token, password });
  };

  if (!token) {
    return (
      <AuthLayout title="Choose a new password">
        <div className="alert alert-error" role="alert">
          <p>
            This link has no reset token. Open the link from the e-mail again, or ask for a new one.
          </p>
        </div>
        <p className="form-footer">
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Choose a new password">
      {confirm.isSuccess ? (
        <div className="alert alert-success" role="status">
          <p>Your password is changed. You can sign in with it now.</p>
        </div>
      ) : (
        <form className="form" onSubmit={submit}>
          <ErrorMessage error={confirm.error} title="Could not change the password" />
          {mismatch && (
            <div className="alert alert-error" role="alert">
              <p>The two passwords differ.</p>
            </div>
          )}
          <div className="field">
            <label htmlFor="reset-password">New password</label>
            <input
              id="reset-password"
              type="password"
              autoComplete="new-password"
              minLength={MIN_LENGTH}
              required
              aria-describedby="reset-password-hint"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <p id="reset-password-hint" className="hint">
              At least {MIN_LENGTH} characters.
            </p>
          </div>
          <div className="field">
            <label htmlFor="reset-repeat">Repeat the new password</label>
            <input
              id="reset-repeat"
              type="password"
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={confirm.isPending}>
            Change password
          </button>
        </form>
      )}
      <p className="form-footer">
        <Link to="/login">Back to sign in</Link>
      </p>
    </AuthLayout>
  );
}
