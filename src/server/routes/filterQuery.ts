import { z } from 'zod';
import { type AnalysisFilter, parseWhere } from '../../commands/helpers/analysisFilter.js';

/** A repeated query parameter (`?caseSet=a&caseSet=b`); never split at commas, which set names may hold. */
const repeated = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean));

/**
 * The analysis filter (commands/helpers/analysisFilter.ts) as GET routes take it in the query
 * string: `sourceSet`, `caseSet` (names or ids), `where` (`stadsdel=Norr`, repeated: all must
 * hold) and `speaker` (interviewer | participant).
 */
export const FilterQuery = z.object({
  sourceSet: repeated,
  caseSet: repeated,
  where: repeated,
  speaker: z.enum(['interviewer', 'participant']).optional(),
});

type FilterParams = z.output<typeof FilterQuery>;

/** The query string's filter parameters as an AnalysisFilter (undefined when none is given), and the rest. */
export function splitFilter<T extends FilterParams>(query: T) {
  const { sourceSet, caseSet, where, speaker, ...rest } = query;
  const filter: AnalysisFilter = {};
  if (sourceSet.length) filter.sourceSets = sourceSet;
  if (caseSet.length) filter.caseSets = caseSet;
  if (where.length) filter.attributes = where.map(parseWhere);
  if (speaker) filter.speaker = speaker;
  return { filter: Object.keys(filter).length ? filter : undefined, rest };
}
