import { subtreeIds } from '../../core/codebook/tree.js';
import type { ReportConcept, ReportQuote } from '../../formats/report/model.js';
import type { Translate } from '../../i18n/index.js';
import type { Db } from '../../store/db.js';
import type { CodeRow } from '../../store/schema.js';
import { asNodes } from './codebook.js';

/**
 * The results draft's theory section: each concept of the project, by name, with its definition,
 * reference, linked codes, and as quotes the segments linked to it and those of its codes (and
 * the codes below them), once each, in the report's reading order. `segments` are the report's
 * own (same coder layer and filters), `quoteOf` its quote for each; memos linked to a concept are
 * included when `memos` is set. Null when the project has no concepts.
 */
export async function theorySection(
  db: Db,
  projectId: string,
  input: {
    codes: CodeRow[];
    segments: readonly { id: string; code: { id: string }; source: { id: string }; start: number; end: number }[];
    quoteOf: ReadonlyMap<string, ReportQuote>;
    memos: boolean;
  },
  t: Translate,
): Promise<{ heading: string; concepts: ReportConcept[] } | null> {
  const concepts = await db
    .selectFrom('theory_concepts')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('name')
    .execute();
  if (concepts.length === 0) return null;
  const links = await db
    .selectFrom('theory_links')
    .select(['concept_id', 'target_kind', 'target_id'])
    .where(
      'concept_id',
      'in',
      concepts.map((c) => c.id),
    )
    .orderBy('created_at')
    .execute();
  const memoRows = input.memos
    ? await db.selectFrom('memos').select(['id', 'title', 'body']).where('project_id', '=', projectId).execute()
    : [];
  const memoById = new Map(memoRows.map((m) => [m.id, m]));
  const codeName = new Map(input.codes.map((c) => [c.id, c.name]));
  const nodes = asNodes(input.codes);
  return {
    heading: t('report|theory'),
    concepts: concepts.map((c) => {
      const own = links.filter((l) => l.concept_id === c.id);
      const of = (kind: string) => own.filter((l) => l.target_kind === kind).map((l) => l.target_id);
      const codeIds = of('code').filter((id) => codeName.has(id));
      const covered = new Set(codeIds.flatMap((id) => subtreeIds(nodes, id)));
      const linked = new Set(of('segment'));
      // A passage coded with two of its codes (the same words) is quoted once.
      const passages = new Map<string, string>();
      for (const s of input.segments) {
        const key = `${s.source.id}:${s.start}:${s.end}`;
        if ((linked.has(s.id) || covered.has(s.code.id)) && !passages.has(key)) passages.set(key, s.id);
      }
      const unique = [...passages.values()].flatMap((id) => input.quoteOf.get(id) ?? []);
      const names = codeIds.map((id) => codeName.get(id) as string);
      return {
        name: c.name,
        definition: c.definition ? t('report|concept-definition', { text: c.definition }) : '',
        reference: c.reference ? t('report|concept-reference', { text: c.reference }) : '',
        codes: names.length > 0 ? t('report|concept-codes', { names: names.join(', ') }) : '',
        quotes: unique,
        empty: unique.length === 0 ? t('report|no-quotes') : '',
        memos: of('memo').flatMap((id) => {
          const m = memoById.get(id);
          return m ? [{ title: m.title, body: m.body }] : [];
        }),
      };
    }),
  };
}
