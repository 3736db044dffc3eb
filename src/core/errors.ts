/**
 * Every failure a user can cause is a KodaError: a stable `code` (an i18n key under
 * `errors.`) and the `params` its message needs. The message itself is rendered by the
 * i18n layer at the edge (CLI, HTTP), so core stays free of language and I/O.
 */
export type ErrorParams = Record<string, string | number>;

export class KodaError extends Error {
  constructor(
    readonly code: string,
    readonly params: ErrorParams = {},
    /** HTTP-ish category, used by the server to pick a status. */
    readonly kind: 'invalid' | 'unauthenticated' | 'not-found' | 'conflict' | 'forbidden' | 'busy' = 'invalid',
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'KodaError';
  }
}

export const invalid = (code: string, params?: ErrorParams) => new KodaError(code, params, 'invalid');
export const notFound = (code: string, params?: ErrorParams) => new KodaError(code, params, 'not-found');
export const conflict = (code: string, params?: ErrorParams) => new KodaError(code, params, 'conflict');
