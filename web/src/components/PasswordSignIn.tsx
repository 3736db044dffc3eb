import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SessionState } from '../api.js';
import { useUi } from '../ui.js';

/**
 * Accounts mode: the person signs in with their name and password. A refusal (wrong password,
 * a locked name) is the server's one line, shown like any other error.
 */
export function PasswordSignIn({ onSignedIn }: { onSignedIn: (state: SessionState) => void }) {
  const { t } = useTranslation();
  const { run } = useUi();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const signedIn = await run(() => api.signIn(name, password));
    setPassword('');
    if (signedIn) onSignedIn({ account: signedIn.account, mode: 'accounts', oidc: null });
  };
  return (
    <form className="row" onSubmit={submit} aria-label={t('signIn.heading')}>
      <label>
        {t('signIn.accountName')}
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" required />
      </label>
      <label>
        {t('signIn.password')}
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
        />
      </label>
      <button type="submit" className="primary">
        {t('signIn.submit')}
      </button>
    </form>
  );
}
