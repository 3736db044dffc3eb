import { useTranslation } from 'react-i18next';
import { PROVIDER_SIGN_IN_URL, providerSignInError } from '../providerSignIn.js';

/**
 * The sign-in page's way in through the university's identity provider (when the server has
 * one: GET /api/session says its name). A plain link, not a script: the browser itself goes to
 * the provider and comes back signed in, or with the reason it was not.
 */
export function ProviderSignIn({ provider }: { provider: { name: string } }) {
  const { t } = useTranslation();
  const error = providerSignInError(globalThis.location?.search ?? '');
  return (
    <div className="provider-sign-in">
      {error && (
        <p className="flag-text" role="alert" data-testid="provider-sign-in-error">
          {t(error, { provider: provider.name })}
        </p>
      )}
      <a className="provider-button" href={PROVIDER_SIGN_IN_URL} data-testid="provider-sign-in">
        {t('provider.signIn', { provider: provider.name })}
      </a>
      <p className="hint">{t('provider.help')}</p>
    </div>
  );
}
