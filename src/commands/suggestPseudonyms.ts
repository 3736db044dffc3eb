import { z } from 'zod';
import { compilePatterns, mergeSuggestions, suggestPseudonyms as suggestIn } from '../core/pseudonyms/suggest.js';
import { adoptKeyFiles, PseudonymKey } from '../store/pseudonymKey.js';
import type { CommandContext } from './helpers/context.js';
import { entryRows, nameLists } from './helpers/pseudonymMap.js';
import { assertRegexesFinish } from './helpers/regexGuard.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** Only this source (name or id); all of the project's sources by default. */
  source: z.string().optional(),
  /** The user's own patterns (regular expressions), e.g. `\[?stadsdel \w+\]?` or phone numbers. */
  patterns: z.array(z.string().min(1).max(500)).max(50).default([]),
  /** Leave out candidates found fewer times. */
  minCount: z.number().int().min(1).default(1),
  /** At most this many candidates, most frequent first. */
  limit: z.number().int().min(1).max(10_000).default(500),
});

/**
 * Suggests names and places for the pseudonym map (read-only): see core/pseudonyms/suggest.ts
 * for what is found. Forms already in the map are left out: its fictive forms always, its real
 * forms too, which is why a project that has a key needs the key's secret here.
 */
export async function suggestPseudonyms(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  compilePatterns(args.patterns);
  await adoptKeyFiles(ctx.store);
  const rows = await entryRows(db, project.id);
  const exclude = rows.map((r) => r.fictive);
  if (await PseudonymKey.exists(db, project.id)) {
    const key = await PseudonymKey.open(db, project.id, ctx.pseudonymSecret);
    const live = new Set(rows.map((r) => r.id));
    for (const e of key.entries) if (live.has(e.id)) exclude.push(...e.real);
  }
  const sourceIds = args.source
    ? [(await resolveSource(db, project.id, args.source)).id]
    : (await db.selectFrom('sources').select('id').where('project_id', '=', project.id).orderBy('created_at').execute()).map(
        (r) => r.id,
      );
  // The user's patterns are tried under the time guard first, over every text in scope.
  if (args.patterns.length > 0 && sourceIds.length > 0) {
    const texts = await db.selectFrom('sources').select('text').where('id', 'in', sourceIds).execute();
    await assertRegexesFinish(
      args.patterns,
      'gu',
      texts.map((t) => t.text),
      ctx.regexBudgetMs,
    );
  }
  const lists = nameLists();
  const perSource = [];
  // One source's text in memory at a time.
  for (const id of sourceIds) {
    const { text } = await db.selectFrom('sources').select('text').where('id', '=', id).executeTakeFirstOrThrow();
    perSource.push({ sourceId: id, suggestions: suggestIn(text, { lists, patterns: args.patterns, exclude }) });
  }
  const all = mergeSuggestions(perSource).filter((s) => s.count >= args.minCount);
  return { sources: sourceIds.length, total: all.length, candidates: all.slice(0, args.limit) };
}
