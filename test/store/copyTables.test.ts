import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalRow, tableShapes } from '../../src/store/copy.js';
import type { Store } from '../../src/store/db.js';
import { storeTables, tempStore } from '../helpers.js';

let store: Store;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ store, cleanup } = await tempStore());
});
afterEach(() => cleanup());

describe('the tables a store copy writes', () => {
  it('are every table of the database but the migrations’ and the search index, read from the database itself', async () => {
    const copied = (await tableShapes(store)).map((s) => s.name).sort();
    const all = await storeTables(store);
    expect(copied).toEqual(all.filter((t) => !/^(kysely_migration|search_sources$|search_paragraphs|sqlite_)/.test(t)));
    expect(copied).toContain('attachments');
    expect(copied).toContain('history_entries');
    expect(copied).toContain('audit_events');
  });

  it('come parents first, so each row’s references are already there; a code’s parent is linked after its rows', async () => {
    const shapes = await tableShapes(store);
    const at = (name: string) => shapes.findIndex((s) => s.name === name);
    const parentFirst: [string, string][] = [
      ['projects', 'codes'],
      ['projects', 'cases'],
      ['projects', 'history_entries'],
      ['cases', 'attachments'],
      ['attachments', 'consent_records'],
      ['sources', 'turns'],
      ['turns', 'segments'],
      ['codes', 'segments'],
      ['coders', 'segments'],
      ['attributes', 'attribute_values'],
      ['pseudonym_entries', 'pseudonym_uses'],
    ];
    for (const [parent, child] of parentFirst) expect(at(parent), `${parent} before ${child}`).toBeLessThan(at(child));
    expect(shapes.find((s) => s.name === 'codes')).toMatchObject({ primaryKey: ['id'], selfReferences: ['parent_id'] });
    expect(shapes.find((s) => s.name === 'segments')?.selfReferences).toEqual([]);
  });
});

describe('a row as the copy’s hash reads it', () => {
  it('is the same whatever order its columns come in: numbers as numbers, bytes as hex, null as null', () => {
    const columns = ['a', 'b', 'c', 'd'];
    const one = canonicalRow(columns, { d: Buffer.from([0, 255, 16]), c: null, b: 'Å', a: 12 });
    const other = canonicalRow(columns, { a: 12, b: 'Å', c: null, d: new Uint8Array([0, 255, 16]) });
    expect(one).toBe('[12,"Å",null,{"bytes":"00ff10"}]');
    expect(other).toBe(one);
    expect(canonicalRow(columns, { a: '12', b: 'Å', c: null, d: Buffer.from([0, 255, 16]) })).not.toBe(one);
  });
});
