import { useSyncExternalStore } from 'react';

/**
 * The pseudonym key's secret, per project, kept in this tab's memory only: never in
 * localStorage, sessionStorage, the address or a cookie. A reload forgets it, on purpose.
 */
const secrets = new Map<string, string>();
const listeners = new Set<() => void>();

export function pseudonymSecret(project: string): string {
  return secrets.get(project) ?? '';
}

export function setPseudonymSecret(project: string, secret: string): void {
  if (secret) secrets.set(project, secret);
  else secrets.delete(project);
  for (const l of listeners) l();
}

/** The header that carries the secret to the API (none when no secret was given). */
export function secretHeader(project: string): Record<string, string> {
  const secret = pseudonymSecret(project);
  return secret ? { 'x-koda-pseudonym-key': secret } : {};
}

export function usePseudonymSecret(project: string): string {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => pseudonymSecret(project),
  );
}
