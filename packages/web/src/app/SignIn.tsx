/** The sign-in page: paste a token (or open the app with `?token=`, as Jupyter prints it). */
import { useState, type FormEvent } from 'react';
import { signIn } from '../api/index.ts';

export function SignIn({ error: initial, title = 'Sign in to Huntbook' }: { error?: string; title?: string }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState(initial);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try { await signIn(value); } catch (err) { setError((err as Error).message); } finally { setBusy(false); }
  };
  return (
    <form className="sign-in" onSubmit={submit}>
      <h1>{title}</h1>
      <p className="muted">Paste an access token. <code>huntbook serve</code> prints one on first start; make more with <code>huntbook token create</code>.</p>
      <input data-testid="sign-in-token" type="password" autoFocus autoComplete="current-password" placeholder="token"
        value={value} onChange={(e) => setValue(e.target.value)} aria-label="access token" />
      <button data-testid="sign-in-button" type="submit" disabled={busy}>{busy ? 'Checking…' : 'Sign in'}</button>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}
