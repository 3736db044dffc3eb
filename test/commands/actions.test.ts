import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_NAMES, actionSpec, STALE_KEYS } from '../../src/commands/actions.js';

/**
 * The registry against the commands' source text. A static scan rather than a recorded run: a
 * run only sees the actions some test happens to perform, the text holds all of them. It works
 * because every action name is written out as a string literal where it is used (the export's
 * and history's names are picked from literal maps, never built from pieces); the compiler
 * (ActionName) and runCommand's runtime check refuse a name that is not declared.
 */
const dir = new URL('../../src/commands/', import.meta.url).pathname;
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && f !== 'actions.ts')
  .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
const literals = (text: string) => new Set([...text.matchAll(/'([a-z]+\.[a-z-]+)'/g)].map((m) => m[1] as string));
const declared = new Set<string>(ACTION_NAMES);

describe('the declared actions', () => {
  it('are each used by a command: a declaration nothing performs fails here', () => {
    const used = new Set(files.flatMap((f) => [...literals(f.text)]));
    expect(ACTION_NAMES.filter((a) => !used.has(a))).toEqual([]);
  });

  it('are the only action names a command writes: an `action:` literal not declared fails here', () => {
    const named = files.flatMap((f) => [...f.text.matchAll(/\baction:\s*'([^']*)'/g)].map((m) => `${f.file}: ${m[1]}`));
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((n) => !declared.has(n.split(': ')[1] as string))).toEqual([]);
  });

  it('are named where each command writes history or audit (no name built out of sight)', () => {
    const writers = files.filter((f) => /\b(runCommand|writeAudit)\b(<[^>]*>)?\(/.test(f.text) && !f.file.startsWith('helpers'));
    expect(writers.length).toBeGreaterThan(25);
    expect(writers.filter((f) => ![...literals(f.text)].some((l) => declared.has(l))).map((f) => f.file)).toEqual([]);
  });

  it('each say what they make stale from the closed vocabulary, without repeats', () => {
    for (const name of ACTION_NAMES) {
      const { stale } = actionSpec(name);
      expect(
        stale.every((k) => STALE_KEYS.includes(k)),
        name,
      ).toBe(true);
      expect(new Set(stale).size, name).toBe(stale.length);
    }
  });

  it('mark as stale something for every action that changes data, and nothing for reads', () => {
    const reads = ['project.export-qdpx', 'project.export-qdc', 'quotes.export', 'transcript.export'];
    // Undo and redo send the stale set of what they stepped over; the store's encryption
    // and its copy to another engine change no project's data, nor do accounts and sign-ins.
    const accounts = [
      'account.add',
      'account.disable',
      'account.password',
      'account.sign-in',
      'account.sign-in-failed',
      'account.sign-out',
    ];
    const outside = ['history.undo', 'history.redo', 'store.encrypt', 'store.rekey', 'store.copy', ...accounts];
    expect(ACTION_NAMES.filter((a) => actionSpec(a).stale.length === 0).sort()).toEqual([...reads, ...outside].sort());
  });
});
