import { z } from 'zod';
import { KodaError } from '../core/errors.js';
import type { Db } from '../store/db.js';
import type { ProjectRow, SmartCodeRow } from '../store/schema.js';
import { type AnalysisFilter, resolveFilter } from './helpers/analysisFilter.js';
import { queryPassages } from './helpers/codingQuery.js';
import type { CommandContext } from './helpers/context.js';
import type { Who } from './helpers/layers.js';
import { loadCodes, resolveProject } from './helpers/resolve.js';
import { shownExpression } from './helpers/smartCodes.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string() });

/**
 * The project's smart codes by name, each with its query (codes by their names now), its filter
 * (by name), and how many passages it finds now (in blind mode, in the layer the person may see).
 * `problem` names what keeps one from running (a code, source or case it names was deleted):
 * its hits are then null.
 */
export async function listSmartCodes(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const [rows, codes] = await Promise.all([
    db.selectFrom('smart_codes').selectAll().where('project_id', '=', project.id).execute(),
    loadCodes(db, project.id),
  ]);
  rows.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const smartCodes = [];
  for (const row of rows) {
    const shown = shownExpression(row.expression, codes, rows);
    const counted = await countHits(db, project, ctx, row);
    smartCodes.push({
      id: row.id,
      name: row.name,
      expression: shown.expression,
      filter: counted.filter,
      color: row.color,
      description: row.description,
      hits: counted.hits,
      problem: shown.missing ? 'smart-code.code-missing' : counted.problem,
    });
  }
  return { smartCodes };
}

/** A smart code's passages counted, and its filter by name; a deleted name it needs is its problem. */
async function countHits(db: Db, project: ProjectRow, who: Who, row: SmartCodeRow) {
  const stored = JSON.parse(row.filter) as AnalysisFilter;
  try {
    const filter = filterByName((await resolveFilter(db, project.id, stored)).described);
    const found = await queryPassages(db, project, who, { kind: 'smart', ref: row.id });
    return { filter, hits: found.sources.reduce((n, s) => n + s.passages.length, 0), problem: null };
  } catch (e) {
    if (!(e instanceof KodaError)) throw e;
    return { filter: stored, hits: null, problem: e.code };
  }
}

/** A resolved filter's names, in the shape a filter is given in (empty parts left out). */
function filterByName(d: Awaited<ReturnType<typeof resolveFilter>>['described']): AnalysisFilter {
  const out: AnalysisFilter = {};
  if (d.sourceSets.length) out.sourceSets = d.sourceSets;
  if (d.caseSets.length) out.caseSets = d.caseSets;
  if (d.sources.length) out.sources = d.sources;
  if (d.cases.length) out.cases = d.cases;
  if (d.attributes.length) out.attributes = d.attributes;
  if (d.coders.length) out.coders = d.coders;
  if (d.speaker) out.speaker = d.speaker;
  return out;
}
