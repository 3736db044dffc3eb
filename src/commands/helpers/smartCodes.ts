import { mapReferences, printQuery, type QueryNode, references } from '../../core/codingQuery/ast.js';
import { parseQuery } from '../../core/codingQuery/parse.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import type { ChangeRecorder } from '../../store/changes.js';
import type { Db } from '../../store/db.js';
import type { CodeRow, SmartCodeRow } from '../../store/schema.js';
import type { AnalysisFilter } from './analysisFilter.js';
import { findSmartCode } from './codingQuery.js';
import { findCode, loadCodes, resolveCase, resolveSource } from './resolve.js';
import { resolveSet } from './sets.js';

/**
 * How a smart code is kept: its expression with every code and smart code referred to by id
 * (`"01J…" AND smart:"01K…"`), so renaming a code or a smart code never breaks it, and shown
 * with the names they have now. Its filter keeps sources, cases, sets and coders by id for the
 * same reason (attributes by name and value, as the filter takes them).
 */

/** The expression with its references resolved to ids; refuses a smart code that would refer to itself. */
export async function storedExpression(db: Db, projectId: string, query: QueryNode, self?: string): Promise<string> {
  const codes = await loadCodes(db, projectId);
  const ids = new Map<string, string>();
  for (const r of references(query)) {
    const key = `${r.kind}:${r.ref}`;
    if (ids.has(key)) continue;
    ids.set(key, r.kind === 'code' ? findCode(codes, r.ref).id : (await findSmartCode(db, projectId, r.ref)).id);
  }
  const stored = mapReferences(query, (r) => ids.get(`${r.kind}:${r.ref}`) as string);
  if (self) await refuseCycle(db, projectId, stored, self);
  return printQuery(stored);
}

/** Refuses a smart code whose query would, through the smart codes it names, come back to itself. */
async function refuseCycle(db: Db, projectId: string, query: QueryNode, self: string): Promise<void> {
  const rows = await db.selectFrom('smart_codes').selectAll().where('project_id', '=', projectId).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const visit = (node: QueryNode) => {
    for (const r of references(node).filter((x) => x.kind === 'smart')) {
      if (r.ref === self) throw invalid('query.smart-cycle', { smartCode: byId.get(self)?.name ?? self });
      const row = byId.get(r.ref);
      if (!row || seen.has(r.ref)) continue;
      seen.add(r.ref);
      visit(parseQuery(row.expression));
    }
  };
  visit(query);
}

/**
 * The stored expression with the names its codes and smart codes have now; `missing` when a code
 * or smart code it names was deleted (shown by its id).
 */
export function shownExpression(stored: string, codes: readonly CodeRow[], smart: readonly Pick<SmartCodeRow, 'id' | 'name'>[]) {
  let missing = false;
  const query = parseQuery(stored);
  const expression = printQuery(query, (r) => {
    const name = r.kind === 'code' ? codeName(codes, r.ref) : smart.find((s) => s.id === r.ref)?.name;
    if (name === undefined) missing = true;
    return name ?? r.ref;
  });
  return { expression, missing };
}

/** A code's name, or its path where another code has the same name (so the name reads back). */
function codeName(codes: readonly CodeRow[], id: string): string | undefined {
  const code = codes.find((c) => c.id === id);
  if (!code) return undefined;
  if (codes.filter((c) => c.name.toLowerCase() === code.name.toLowerCase()).length === 1) return code.name;
  const path = [code.name];
  for (let p = code.parent_id; p; p = codes.find((c) => c.id === p)?.parent_id ?? null) {
    path.unshift(codes.find((c) => c.id === p)?.name ?? '');
  }
  return path.join('/');
}

/** The filter with its sources, cases, sets and coders by id (each must exist). */
export async function storedFilter(db: Db, projectId: string, filter: AnalysisFilter): Promise<AnalysisFilter> {
  const out: AnalysisFilter = {};
  if (filter.sources?.length)
    out.sources = await Promise.all(filter.sources.map(async (s) => (await resolveSource(db, projectId, s)).id));
  if (filter.cases?.length)
    out.cases = await Promise.all(filter.cases.map(async (c) => (await resolveCase(db, projectId, c)).id));
  if (filter.sourceSets?.length)
    out.sourceSets = await Promise.all(filter.sourceSets.map(async (s) => (await resolveSet(db, projectId, 'source', s)).id));
  if (filter.caseSets?.length)
    out.caseSets = await Promise.all(filter.caseSets.map(async (s) => (await resolveSet(db, projectId, 'case', s)).id));
  if (filter.coders?.length) {
    const coders = await db.selectFrom('coders').select(['id', 'name']).where('project_id', '=', projectId).execute();
    out.coders = filter.coders.map((ref) => {
      const found = coders.find((k) => k.id === ref) ?? coders.find((k) => k.name === ref);
      if (!found) throw notFound('coder.not-found', { coder: ref });
      return found.id;
    });
  }
  if (filter.attributes?.length) out.attributes = filter.attributes;
  if (filter.speaker) out.speaker = filter.speaker;
  return out;
}

/**
 * After a merge of code `from` into `into`: smart codes that named `from` name `into` instead,
 * as its segments now are. (A deleted code is left named by its id: its smart codes then report
 * it missing rather than quietly change what they find.)
 */
export async function retargetSmartCodes(w: ChangeRecorder, projectId: string, from: string, into: string): Promise<number> {
  const rows = await w.trx.selectFrom('smart_codes').select(['id', 'expression']).where('project_id', '=', projectId).execute();
  let changed = 0;
  for (const row of rows) {
    const query = parseQuery(row.expression);
    if (!references(query).some((r) => r.kind === 'code' && r.ref === from)) continue;
    const expression = printQuery(mapReferences(query, (r) => (r.kind === 'code' && r.ref === from ? into : r.ref)));
    await w.update('smart_codes', row.id, { expression });
    changed++;
  }
  return changed;
}

/** Refuses a smart code name the project already has (in any case), but for `except`. */
export async function assertSmartNameFree(db: Db, projectId: string, wanted: string, except?: string) {
  const rows = await db.selectFrom('smart_codes').select(['id', 'name']).where('project_id', '=', projectId).execute();
  if (rows.some((r) => r.id !== except && r.name.toLowerCase() === wanted.toLowerCase())) {
    throw conflict('smart-code.exists', { smartCode: wanted });
  }
}
