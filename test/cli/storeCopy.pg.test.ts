import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyStore } from '../../src/commands/copyStore.js';
import { createProject } from '../../src/commands/createProject.js';
import { openStore } from '../../src/store/db.js';
import { newId, nowIso } from '../../src/store/ids.js';
import { createTestDatabase } from '../engine.js';
import { totalRows } from '../helpers.js';
import { koda } from './run.js';

/** `koda store copy` as a user runs it: its lines, its exit codes, and a kill -9 half-way. */

let work: string;
const databases: { drop: () => Promise<void> }[] = [];

async function database(): Promise<string> {
  const made = await createTestDatabase();
  databases.push(made);
  return made.url;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'koda-cli-copy-'));
});

afterAll(async () => {
  for (const d of databases) await d.drop();
  rmSync(work, { recursive: true, force: true });
});

async function smallStudy(): Promise<string> {
  const data = join(work, `study-${newId()}`);
  writeFileSync(join(work, 'albin.txt'), 'I: Hej\n\nAlbin: Hej.');
  for (const args of [
    ['project', 'create', 'Omega'],
    ['case', 'add', '--project', 'Omega', 'Albin'],
    ['source', 'import', '--project', 'Omega', '--case', 'Albin', join(work, 'albin.txt')],
  ])
    expect((await koda(data, args)).code).toBe(0);
  return data;
}

async function rowsAt(url: string): Promise<number> {
  const store = await openStore(join(work, 'unused'), { database: url });
  try {
    return await totalRows(store);
  } finally {
    await store.close();
  }
}

describe('koda store copy', () => {
  it('says what it copied, table by table, and that the search index is rebuilt', async () => {
    const data = await smallStudy();
    const url = await database();
    const r = await koda(data, ['store', 'copy', '--to', url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^Copied the store from .+ \(embedded SQLite\) to postgres:\/\/postgres@127\.0\.0\.1:\d+\/koda_test_\w+ \(PostgreSQL\): \d+ rows in \d+ tables, each table verified by its row count and content hash\.$/,
    );
    expect(lines[1]).toMatch(/^table\s+rows\s+hash$/);
    const tableLines = lines.slice(2, -1);
    expect(tableLines.map((l) => l.split(/\s+/)[0])).toEqual(
      expect.arrayContaining(['projects', 'sources', 'turns', 'audit_events']),
    );
    for (const line of tableLines) expect(line).toMatch(/^\w+\s+\d+\s+ok$/);
    expect(lines.at(-1)).toBe('The search index is not copied: the first search in the new store builds it again.');

    const back = join(work, `back-${newId()}`);
    const json = await koda(back, ['--json', 'store', 'copy', '--from', url]);
    expect(json.code).toBe(0);
    expect(json.json()).toMatchObject({ from: { engine: 'postgres' }, to: { engine: 'sqlite', location: back } });
    expect((await koda(back, ['source', 'list', '--project', 'Omega', '--json'])).json()).toHaveLength(1);
  });

  it('refuses in one line, exit code 1: no direction, both, a target with data', async () => {
    const data = await smallStudy();
    const url = await database();
    for (const args of [[], ['--to', url, '--from', url]]) {
      const r = await koda(data, ['store', 'copy', ...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        'koda: Say which way to copy: --to URL (this data folder into PostgreSQL) or --from URL (PostgreSQL into this data folder), one of the two.\n',
      );
    }
    expect((await koda(data, ['store', 'copy', '--to', url])).code).toBe(0);
    const again = await koda(data, ['--lang', 'sv', 'store', 'copy', '--to', url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      'koda: Måldatabasen innehåller redan data (i tabellen audit_events): Koda kopierar en studie bara till en tom databas; inget skrevs.\n',
    );
  });
});

describe('koda store copy killed half-way (kill -9)', () => {
  /** A study large enough that a copy takes a while: many memos of 2,000 characters. */
  async function largeStudy(dir: string): Promise<void> {
    const store = await openStore(dir);
    try {
      const project = await createProject({ store, actor: 'anna' }, { name: 'Omega' });
      const body = 'Kvalitativ innehållsanalys. '.repeat(70);
      for (let batch = 0; batch < 20; batch++) {
        const rows = Array.from({ length: 1_000 }, (_, i) => ({
          id: newId(),
          project_id: project.id,
          target_kind: 'project',
          target_id: null,
          title: `Memo ${batch}-${i}`,
          body,
          created_at: nowIso(),
          updated_at: nowIso(),
        }));
        await store.db.insertInto('memos').values(rows).execute();
      }
    } finally {
      await store.close();
    }
  }

  /** The copy as a child process, killed once a PostgreSQL backend of it runs a query on the memos. */
  async function killWhileCopyingMemos(args: string[], database: string): Promise<void> {
    const child: ChildProcess = spawn(process.execPath, ['bin/koda.js', ...args], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, KODA_LANG: 'en', KODA_CODER: 'anna', KODA_DATABASE_URL: '' },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const admin = new pg.Client({ connectionString: process.env.KODA_TEST_DATABASE_URL });
    await admin.connect();
    const activity = async (pattern: string) =>
      Number(
        (
          await admin.query(
            `select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = 'koda' and query ilike $2`,
            [database, pattern],
          )
        ).rows[0].n,
      );
    try {
      for (let i = 0; (await activity('%"memos"%')) === 0; i++) {
        if (i > 3_000 || child.exitCode !== null) throw new Error('the copy never reached the memos');
        await sleep(5);
      }
      child.kill('SIGKILL');
      await exited;
      // The server notices the dropped connection and rolls its transaction back.
      for (let i = 0; (await activity('%')) > 0; i++) {
        if (i > 1_000) throw new Error('the killed copy’s connection stayed open');
        await sleep(10);
      }
    } finally {
      await admin.end();
    }
  }

  const dbName = (url: string) => new URL(url).pathname.slice(1);

  beforeAll(async () => {
    await largeStudy(join(work, 'large'));
  }, 120_000);

  it('leaves PostgreSQL with no row in any table', async () => {
    const url = await database();
    await killWhileCopyingMemos(['--data', join(work, 'large'), 'store', 'copy', '--to', url], dbName(url));
    expect(await rowsAt(url)).toBe(0);
  }, 90_000);

  it('leaves the data folder with no store; the next copy clears what was left and completes', async () => {
    const url = await database();
    await copyStore('anna', { direction: 'to', url, dataDir: join(work, 'large') });
    const back = join(work, 'large-back');
    await killWhileCopyingMemos(['--data', back, 'store', 'copy', '--from', url], dbName(url));
    expect(existsSync(join(back, 'koda.db'))).toBe(false);
    expect(existsSync(join(back, '.koda-copy-incoming'))).toBe(true);
    const r = await koda(back, ['--json', 'store', 'copy', '--from', url]);
    expect(r.code).toBe(0);
    expect(existsSync(join(back, '.koda-copy-incoming'))).toBe(false);
    expect(r.json().tables.find((t: { table: string }) => t.table === 'memos').rows).toBe(20_000);
  }, 90_000);
});
