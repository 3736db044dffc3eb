import SQLite from 'better-sqlite3-multiple-ciphers';
import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { iterate, PreparedStatements } from '../../src/store/preparedStatements.js';

let sqlite: SQLite.Database;
let statements: PreparedStatements;
let prepare: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  sqlite = new SQLite(':memory:');
  sqlite.exec('create table t (id integer primary key, name text unique)');
  statements = new PreparedStatements(sqlite);
  prepare = vi.spyOn(sqlite, 'prepare');
});
afterEach(() => sqlite.close());

const run = (sql: string, ...parameters: unknown[]) => statements.executeQuery(CompiledQuery.raw(sql, parameters));

describe('prepared statements are kept and reused', () => {
  it('prepares a statement once however often it runs, and answers as Kysely’s driver does', async () => {
    for (let i = 1; i <= 5; i++) {
      const out = await run('insert into t (name) values (?)', `n${i}`);
      expect(out).toEqual({ numAffectedRows: 1n, insertId: BigInt(i), rows: [] });
    }
    expect((await run('select name from t where id > ? order by id', 3)).rows).toEqual([{ name: 'n4' }, { name: 'n5' }]);
    expect((await run('select name from t where id > ? order by id', 4)).rows).toEqual([{ name: 'n5' }]);
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it('a kept statement that failed runs again', async () => {
    await run('insert into t (name) values (?)', 'same');
    await expect(run('insert into t (name) values (?)', 'same')).rejects.toThrow(/UNIQUE/);
    await run('insert into t (name) values (?)', 'other');
    expect((await run('select count(*) as n from t')).rows).toEqual([{ n: 2 }]);
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it('keeps a bounded number, dropping the least recently used, and never keeps long SQL', async () => {
    for (let i = 0; i < 250; i++) await run(`select ${i} as n`);
    expect(statements.size).toBe(200);
    prepare.mockClear();
    await run('select 249 as n'); // recent: kept
    await run('select 0 as n'); // oldest: dropped, prepared again
    expect(prepare).toHaveBeenCalledTimes(1);
    const long = `select '${'x'.repeat(5_000)}' as s`;
    await run(long);
    await run(long);
    expect(prepare).toHaveBeenCalledTimes(3);
    expect(statements.size).toBe(200);
  });

  it('transactions through kept begin and commit statements', async () => {
    await run('begin immediate');
    await run('insert into t (name) values (?)', 'a');
    await run('rollback');
    await run('begin immediate');
    await run('insert into t (name) values (?)', 'b');
    await run('commit');
    expect((await run('select name from t')).rows).toEqual([{ name: 'b' }]);
  });
});

describe('rows of a reading statement', () => {
  /** What better-sqlite3 itself answers for the same statement: the rows Kysely's own driver gives. */
  const ownRows = (sql: string, ...parameters: unknown[]) => sqlite.prepare(sql).all(parameters);

  it('are the rows better-sqlite3 makes, whatever the columns are called', async () => {
    await run('insert into t (name) values (?), (?)', 'a"b', "c'd");
    const queries = [
      'select id, name from t order by id',
      // Two columns of one name: the later one wins.
      'select id as x, name as x from t order by id',
      `select count(*), max(id) + 0.5 as "odd ""name"" 'here'", null as missing, x'00ff' as bytes from t`,
      'select * from t where id > ?',
    ];
    for (const sql of queries) {
      const params = sql.includes('?') ? [0] : [];
      const rows = (await run(sql, ...params)).rows;
      expect(rows, sql).toEqual(ownRows(sql, ...params));
      expect(Object.keys(rows[0] as object), sql).toEqual(Object.keys(ownRows(sql, ...params)[0] as object));
    }
  });

  it('a column named __proto__ is a plain field, as better-sqlite3 makes it', async () => {
    const sql = `select 'x' as "__proto__", 1 as n`;
    const [row] = (await run(sql)).rows as Record<string, unknown>[];
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(row).toEqual(ownRows(sql)[0]);
  });

  it('a statement that writes and returns rows answers them', async () => {
    const out = await run('insert into t (name) values (?) returning id, name', 'r');
    expect(out.rows).toEqual([{ id: 1, name: 'r' }]);
    expect((await run('select name from t')).rows).toEqual([{ name: 'r' }]);
  });
});

describe('a streamed SELECT', () => {
  it('answers its rows in order, as many at a time as Kysely asks, the last answer shorter', async () => {
    const insert = sqlite.prepare('insert into t (name) values (?)');
    for (let i = 1; i <= 25; i++) insert.run(`n${String(i).padStart(4, '0')}`);
    const sizes: number[] = [];
    const names: string[] = [];
    for await (const { rows } of iterate<{ name: string }>(
      sqlite,
      CompiledQuery.raw('select name from t where id > ? order by id', [0]),
      10,
    )) {
      sizes.push(rows.length);
      names.push(...rows.map((r) => r.name));
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(names).toEqual(Array.from({ length: 25 }, (_, i) => `n${String(i + 1).padStart(4, '0')}`));
  });
});
