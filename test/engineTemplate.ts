import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../src/store/db.js';

/** Runs `work` with a client signed in as the test server's administrator. */
export async function asAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const databaseUrl = (adminUrl: string, name: string) =>
  Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

/**
 * A database with Koda's schema, migrated once for a whole run: a test database cloned from it
 * (CREATE DATABASE … TEMPLATE) starts with every migration done, in milliseconds. Named per run,
 * so two runs on one server do not share it.
 */
export async function makeTemplate(adminUrl: string): Promise<string> {
  const name = `koda_template_${process.pid}_${Date.now()}`;
  await asAdmin(adminUrl, (c) => c.query(`create database ${name}`));
  const dir = mkdtempSync(join(tmpdir(), 'koda-template-'));
  try {
    await (await openStore(dir, { database: databaseUrl(adminUrl, name) })).close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return name;
}

export async function dropTemplate(adminUrl: string, name: string): Promise<void> {
  await asAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
}
