import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { requestPasswordReset } from '../../api/endpoints.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { AuthLayout } from './AuthLayout.tsx';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const request = useMutation({ mutationFn: requestPasswordReset });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(email.trim());
  };

  return (
    <AuthLayout title="Reset your password">
      {request.isSuccess ? (
        <div className="alert alert-success" role="status">
          <p>
            If <strong>{email}</strong> belongs to an account, a reset link is on its way. The link
            works once and expires soon.
          </p>
        </div>
      ) : (
        <form className="form" onSubmit={submit}>
          <p>Enter your e-mail address and we will send you a link to choose a new password.</p>
          <ErrorMessage error={request.error} title="Could not send the link" />
          <div className="field">
            <label htmlFor="forgot-email">E-mail</label>
            <input
              id="forgot-email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={request.isPending}>
            Send reset link
          </button>
        </form>
      )}
      <p className="form-footer">
        <Link to="/login">Back to sign in</Link>
      </p>
    </AuthLayout>
  );
}
