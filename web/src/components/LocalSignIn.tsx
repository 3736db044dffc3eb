import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SessionState } from '../api.js';
import { useUi } from '../ui.js';

/**
 * Local mode (the laptop, no accounts): asks the person's name once, so their coding goes into
 * their own layer, never the computer's login. The server remembers it in the session cookie.
 */
export function LocalSignIn({ onSignedIn }: { onSignedIn: (state: SessionState) => void }) {
  const { t } = useTranslation();
  const { run } = useUi();
  const [name, setName] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const signedIn = await run(() => api.signInLocal(name));
    if (signedIn) onSignedIn({ account: signedIn.account, mode: 'local', oidc: null });
  };
  return (
    <section className="card">
      <h1>{t('signIn.localHeading')}</h1>
      <p>{t('signIn.localHelp')}</p>
      <form className="row" onSubmit={submit}>
        <label>
          {t('signIn.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required />
        </label>
        <button type="submit" className="primary">
          {t('signIn.start')}
        </button>
      </form>
    </section>
  );
}
