import { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { casesWithAttributes } from './helpers/queryData.js';
import { findCode, loadCodes, resolveProject } from './helpers/resolve.js';
import { findSegments } from './helpers/retrieval.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  code: z.string(),
  /** Also the codes below it (a category's whole branch). */
  includeDescendants: z.boolean().default(true),
  /** Only this coder's layer. */
  coder: z.string().optional(),
});

/**
 * "Who shares this code": the cases that have the code, each with its attributes and its
 * quotes side by side (in reading order), the cases that do not, and any quotes of no case.
 * The quotes are retrieveSegments' (helpers/retrieval.ts: same attribution to cases, same blind-mode rule).
 */
export async function whoSharesCode(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const code = findCode(await loadCodes(db, project.id), args.code);
  const [segments, people] = await Promise.all([
    findSegments(ctx, { project: project.id, code: code.id, includeDescendants: args.includeDescendants, coder: args.coder }),
    casesWithAttributes(db, project.id),
  ]);
  const quote = (s: (typeof segments)[number]) => ({
    id: s.id,
    source: s.source,
    code: { id: s.code.id, name: s.code.name },
    coder: s.coder,
    start: s.start,
    end: s.end,
    text: s.text,
    speaker: s.speaker,
  });
  const byCase = new Map<string, ReturnType<typeof quote>[]>();
  for (const s of segments) {
    if (!s.case) continue;
    const list = byCase.get(s.case.id);
    if (list) list.push(quote(s));
    else byCase.set(s.case.id, [quote(s)]);
  }
  return {
    code: { id: code.id, name: code.name, description: code.description },
    cases: people.cases.filter((c) => byCase.has(c.id)).map((c) => ({ ...c, segments: byCase.get(c.id) ?? [] })),
    without: people.cases.filter((c) => !byCase.has(c.id)).map((c) => ({ id: c.id, name: c.name })),
    noCase: segments.filter((s) => !s.case).map(quote),
  };
}
