import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureStatements } from '../../bench/fixture.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { studyFixture } from '../commands/fixtures.js';
import { tempContext } from '../helpers.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
});
afterEach(() => cleanup());

// The benches explain the statements a command sends; some are compiled once (statementTemplate).
describe('captureStatements', () => {
  it("catches every statement a coding sends, compiled once or not, with that coding's own values", async () => {
    const s = await studyFixture(ctx);
    const coding = { project: s.p, source: s.source, code: s.codes.plan, start: 0, end: 4 };
    const captured = await captureStatements(() => applyCoding(ctx, coding), ctx.store.db);
    const insert = captured.find((q) => /^insert into "segments"/.test(q.sql));
    expect(insert?.parameters).toEqual(expect.arrayContaining([s.source, s.codes.plan, 0, 4]));
    expect(captured.some((q) => /^select .* from "sources"/.test(q.sql))).toBe(true);
    // Every value is a value the engine can bind, not a template's stand-in.
    for (const q of captured)
      for (const p of q.parameters) expect(p === null || ['string', 'number', 'bigint'].includes(typeof p)).toBe(true);
    // Nothing is caught outside the run.
    await applyCoding(ctx, { ...coding, start: 5, end: 9 });
    expect(captured.filter((q) => /^insert into "segments"/.test(q.sql))).toHaveLength(1);
  });
});
