import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { redo, undo } from '../../src/commands/history.js';
import { importSource } from '../../src/commands/importSource.js';
import type { Store } from '../../src/store/db.js';
import { tempContext, utf8 } from '../helpers.js';
import { dumpTables } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  await createProject(ctx, { name: 'Omega' });
});
afterEach(() => cleanup());

/** About 1 MB of interview: short turns, so thousands of them. */
function longTranscript(): string {
  const turns: string[] = [];
  for (let i = 0; i < 8000; i++) {
    turns.push(`I: Fråga ${i}, hur ser du på handlingsutrymme?`);
    turns.push(`Kerstin: Svar ${i}. Vi har möjligheter men också hinder i vardagen 😀, och det tar tid.`);
  }
  return turns.join('\n\n');
}

const entries = () => store.db.selectFrom('history_entries').select(['state', 'changes']).execute();

describe('the history entry of an import', () => {
  it('stays small for a large text: the rows are undone by id and by source, not copied', async () => {
    const before = await dumpTables(store);
    const result = await importSource(ctx, { project: 'Omega', fileName: 'lång.txt', bytes: utf8(longTranscript()) });
    expect(result).toMatchObject({ turns: 16_000, length: expect.toSatisfy((n: number) => n > 1_000_000) });
    const [entry] = await entries();
    expect(entry?.changes.length).toBeLessThan(2048);
    expect(entry?.changes).not.toContain('handlingsutrymme');

    const imported = await dumpTables(store);
    await undo(ctx, { project: 'Omega' });
    expect(await dumpTables(store)).toEqual(before);
    await redo(ctx, { project: 'Omega' });
    expect(await dumpTables(store)).toEqual(imported);
    // The redone entry is small again, and undo still works from it.
    expect((await entries())[0]?.changes.length).toBeLessThan(2048);
    await undo(ctx, { project: 'Omega' });
    expect(await dumpTables(store)).toEqual(before);
  }, 180_000);
});
