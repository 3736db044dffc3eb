import { createRequire } from 'node:module';
import type pg from 'pg';
import type Cursor from 'pg-cursor';

/**
 * The `pg` driver and its cursor, loaded when a PostgreSQL store is first opened: a laptop on the
 * embedded store never holds their code (about 3.5 MiB of the server's heap). Both are CommonJS,
 * so they load synchronously.
 */
const load = createRequire(import.meta.url);

export const pgDriver = (): typeof pg => load('pg');
export const pgCursor = (): typeof Cursor => load('pg-cursor');
