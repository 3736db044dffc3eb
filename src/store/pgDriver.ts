import { createRequire } from 'node:module';
import type pg from 'pg';
import type Cursor from 'pg-cursor';

/**
 * The `pg` driver and its cursor, loaded when a PostgreSQL store is first opened: a laptop on the
 * embedded store never holds their code (about 3.5 MiB of the server's heap). Both are CommonJS,
 * so they load synchronously. Each is kept once loaded: `require` resolves a bare name on the
 * file system on every call (stat calls), and the type parser asks for `pg` once per column of
 * every answer.
 */
const load = createRequire(import.meta.url);
const kept = <T>(name: string) => {
  let module: T | undefined;
  return (): T => {
    module ??= load(name) as T;
    return module;
  };
};

export const pgDriver = kept<typeof pg>('pg');
export const pgCursor = kept<typeof Cursor>('pg-cursor');
