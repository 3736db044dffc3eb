import { v7 } from 'uuid';
import { childOf, type XmlElement } from '../xml.js';
import type { PlanContext } from './context.js';
import { referenced, SOURCES } from './guids.js';

/** `<Sets>`: Koda has no sets, so they are listed, with their members, in one project memo. */
export function readSets(ctx: PlanContext, sets: XmlElement[]): void {
  if (sets.length === 0) return;
  const nameOf = (guid: string) => ctx.registry.get(guid)?.el.attrs.name ?? guid;
  const lines: string[] = [];
  for (const set of sets) {
    const members: string[] = [];
    for (const m of set.children) {
      if (m.name === 'MemberCode')
        members.push(nameOf(referenced(ctx, m, ['Code'], m.attrs.targetGUID !== undefined ? 'targetGUID' : 'guid').guid));
      else if (m.name === 'MemberSource') members.push(nameOf(referenced(ctx, m, SOURCES).guid));
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
