import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import type { EndReason, Session } from './session';

/**
 * Email and password; in development, the demo login (GET /api/v1/auth/demo) is offered. A first
 * password (an operator's new admin) asks for the agent's own before it signs in.
 */
export function LoginPage(props: {
  session: Session;
  ended: EndReason | undefined;
  onLoggedIn(): void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<{ email: string; password: string }>();
  /** Set once the API said the password is a first one: then the new one is asked for too. */
  const [choosing, setChoosing] = useState(false);
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');

  useEffect(() => {
    let live = true;
    props.session.api
      .GET('/api/v1/auth/demo')
      .then((result) => live && setDemo(result.data?.login ?? undefined))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [props.session]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (choosing && newPassword !== repeated) {
      setError('The two new passwords differ.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await props.session.login(email, password, choosing ? newPassword : undefined);
      props.onLoggedIn();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'PASSWORD_CHANGE_REQUIRED') {
        setChoosing(true);
        setError(undefined);
      } else setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="card login-card" onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <h1 className="brand">
          <Logo /> Switchboard
        </h1>
        {props.ended === 'expired' && (
          <p className="notice" role="status">
            Your session ended. Sign in again to continue.
          </p>
        )}
        {props.ended === 'logged-out' && (
          <p className="notice" role="status">
            You are signed out.
          </p>
        )}
        <label>
          Email
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {choosing && (
          <>
            <p className="notice" role="status">
              This is a first password. Choose your own to sign in (8 characters or more).
            </p>
            {(
              [
                ['New password', 'new-password', newPassword, setNewPassword],
                ['Repeat the new password', 'repeat-password', repeated, setRepeated],
              ] as const
            ).map(([label, name, value, set]) => (
              <label key={name}>
                {label}
                <input
                  type="password"
                  name={name}
                  autoComplete="new-password"
                  required
                  minLength={8}
                  value={value}
                  onChange={(event) => set(event.target.value)}
                />
              </label>
            ))}
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : choosing ? 'Set password and sign in' : 'Sign in'}
        </button>
        {demo && (
          <aside className="demo" aria-label="Demo login">
            <p>
              Demo workspace: <code>{demo.email}</code> / <code>{demo.password}</code>
            </p>
            <button
              type="button"
              onClick={() => {
                setEmail(demo.email);
                setPassword(demo.password);
              }}
            >
              Fill in the demo login
            </button>
          </aside>
        )}
      </form>
    </main>
  );
}

export function Logo() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className="logo">
      <rect width="32" height="32" rx="8" fill="currentColor" />
      <path d="M9 11h14M9 16h10M9 21h6" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
