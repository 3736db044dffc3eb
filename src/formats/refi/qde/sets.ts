import { v7 } from 'uuid';
import { invalid } from '../../../core/errors.js';
import type { PlanSet } from '../plan.js';
import { readSetMarker } from '../setMarker.js';
import { childOf, type XmlElement } from '../xml.js';
import type { PlanContext } from './context.js';
import { normalizeGuid, referenced, SOURCES } from './guids.js';
import { freeName, sameExactly } from './values.js';

/**
 * `<Sets>`: a Set with sources (or Koda's marker line) becomes a source set or, with the marker, a
 * case set (its cases, or the attribute rule it follows). Koda has no sets of codes or notes: a
 * Set of only those is listed with its members in one project memo, and code or note members of a
 * source set are counted in the summary. A member naming nothing in the file refuses the file.
 */
export function readSets(ctx: PlanContext, sets: XmlElement[]): void {
  const others: XmlElement[] = [];
  for (const set of sets) {
    const hasSources = set.children.some((m) => m.name === 'MemberSource');
    const { description, marker } = readSetMarker(childOf(set, 'Description')?.text ?? '');
    if (!hasSources && !marker && set.children.some((m) => m.name === 'MemberCode' || m.name === 'MemberNote')) {
      others.push(set);
      continue;
    }
    const kind = marker?.kind ?? 'source';
    const guid = normalizeGuid(set.attrs.guid) as string;
    const planSet: PlanSet = { guid, kind, name: setName(ctx, set, kind, guid), description, members: [], rule: null };
    if (kind === 'case') planSet.members = caseMembers(ctx, marker?.cases ?? []);
    else planSet.members = sourceMembers(ctx, set);
    for (const m of set.children) {
      if (m.name === 'MemberCode' || m.name === 'MemberNote') ctx.summary.add('set-members-skipped', planSet.name);
    }
    const rule = marker?.rule ?? null;
    const variable = rule && ctx.variables.find((v) => v.name.toLowerCase() === rule.attribute.toLowerCase());
    if (rule && variable) planSet.rule = { attribute: variable.name, value: rule.value };
    else if (rule) ctx.summary.add('set-rules-dropped', planSet.name);
    if (planSet.rule) planSet.members = [];
    ctx.sets.push(planSet);
  }
  listInMemo(ctx, others);
}

/** The set's name, one made up when it has none, unique among the file's sets of its kind. */
function setName(ctx: PlanContext, set: XmlElement, kind: 'source' | 'case', guid: string): string {
  let name = (set.attrs.name ?? '').trim().slice(0, 200);
  if (name === '') {
    name = `${ctx.words.set} ${guid.slice(0, 8)}`;
    ctx.summary.add('sets-unnamed', name);
  }
  const taken = ctx.sets.filter((s) => s.kind === kind).map((s) => s.name);
  const unique = freeName(name, taken, sameExactly);
  if (unique !== name) ctx.summary.add('sets-renamed', `${name} → ${unique}`);
  return unique;
}

/** The set's sources that come over (a source whose text is missing does not). */
function sourceMembers(ctx: PlanContext, set: XmlElement): string[] {
  const members = new Set<string>();
  for (const m of set.children) {
    if (m.name !== 'MemberSource') continue;
    const { guid } = referenced(ctx, m, SOURCES);
    if (ctx.sources.some((s) => s.guid === guid)) members.add(guid);
    else ctx.summary.add('set-members-skipped', set.attrs.name);
  }
  return [...members];
}

/** A case set's cases as its marker names them; each must be a Case of the file. */
function caseMembers(ctx: PlanContext, guids: string[]): string[] {
  const members = new Set<string>();
  for (const raw of guids) {
    const guid = normalizeGuid(raw);
    const found = guid ? ctx.registry.get(guid) : undefined;
    if (!guid || found?.kind !== 'Case') throw invalid('refi.unknown-guid', { file: ctx.input.file, element: 'Set', guid: raw });
    members.add(guid);
  }
  return [...members];
}

/** Sets of codes or notes, which Koda has none of: listed, with their members, in one project memo. */
function listInMemo(ctx: PlanContext, sets: XmlElement[]): void {
  if (sets.length === 0) return;
  const nameOf = (guid: string) => ctx.registry.get(guid)?.el.attrs.name ?? guid;
  const lines: string[] = [];
  for (const set of sets) {
    const members: string[] = [];
    for (const m of set.children) {
      if (m.name === 'MemberCode')
        members.push(nameOf(referenced(ctx, m, ['Code'], m.attrs.targetGUID !== undefined ? 'targetGUID' : 'guid').guid));
      else if (m.name === 'MemberNote') members.push(nameOf(referenced(ctx, m, ['Note']).guid));
    }
    const name = set.attrs.name ?? '';
    ctx.summary.add('sets', name);
    const description = (childOf(set, 'Description')?.text ?? '').trim();
    lines.push(`- ${name}${description ? ` (${description})` : ''}: ${members.join(', ') || '–'}`);
  }
  ctx.memos.push({
    guid: v7(),
    target: { kind: 'project', guid: null },
    title: ctx.words.sets,
    body: lines.join('\n'),
    createdAt: null,
    updatedAt: null,
  });
}
