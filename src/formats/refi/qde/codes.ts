import { v7 } from 'uuid';
import { paletteColor, parseColor } from '../../../core/codebook/colors.js';
import { sameName } from '../../../core/codebook/tree.js';
import type { PlanCode } from '../plan.js';
import { childOf, childrenOf, type XmlElement } from '../xml.js';
import type { PlanContext } from './context.js';
import { normalizeGuid } from './guids.js';
import { attachNote } from './notes.js';
import { freeName } from './values.js';

/**
 * `<Codes>` (of the project's CodeBook, or of a .qdc): the code tree, names made unique among
 * siblings, colours checked; and the one code for selections that carry none.
 */
export function readCodes(ctx: PlanContext, parentEl: XmlElement | undefined, parent: PlanCode | null): void {
  const siblings: PlanCode[] = [];
  for (const c of childrenOf(parentEl, 'Code')) {
    const guid = normalizeGuid(c.attrs.guid) as string;
    const name = codeName(ctx, c, guid);
    const unique = freeName(
      name,
      siblings.map((s) => s.name),
      sameName,
    );
    if (unique !== name) ctx.summary.add('codes-renamed', `${name} → ${unique}`);
    const color = codeColor(ctx, c, name, parent, siblings.length);
    if (c.attrs.isCodable === 'false' || c.attrs.isCodable === '0') ctx.summary.add('codes-not-codable', name);
    const code: PlanCode = {
      guid,
      parentGuid: parent?.guid ?? null,
      name: unique,
      color,
      description: childOf(c, 'Description')?.text ?? '',
      position: siblings.length,
    };
    siblings.push(code);
    ctx.codes.push(code);
    for (const ref of childrenOf(c, 'NoteRef')) attachNote(ctx, ref, { kind: 'code', guid });
    readCodes(ctx, c, code);
  }
}

/** The code's name, one made up when it has none, shortened when too long. */
function codeName(ctx: PlanContext, c: XmlElement, guid: string): string {
  let name = (c.attrs.name ?? '').trim();
  if (name === '') {
    name = `${ctx.words.code} ${guid.slice(0, 8)}`;
    ctx.summary.add('codes-unnamed', name);
  }
  if (name.length > 200) {
    ctx.summary.add('names-shortened', name.slice(0, 60));
    name = name.slice(0, 200);
  }
  return name;
}

/** The code's colour; without a valid one, its parent's, or the palette's next for a top code. */
function codeColor(ctx: PlanContext, c: XmlElement, name: string, parent: PlanCode | null, position: number): string {
  try {
    return parseColor(c.attrs.color ?? '');
  } catch {
    ctx.summary.add(c.attrs.color ? 'codes-bad-colour' : 'codes-without-colour', name);
    return parent?.color ?? paletteColor(parent ? 0 : position);
  }
}

/** The code for selections without a coding, added at the top of the tree on first need. */
export function uncodedCode(ctx: PlanContext): string {
  if (ctx.uncodedGuid) return ctx.uncodedGuid;
  const guid = v7();
  ctx.uncodedGuid = guid;
  const top = ctx.codes.filter((c) => c.parentGuid === null);
  ctx.codes.push({
    guid,
    parentGuid: null,
    name: freeName(
      ctx.words.uncoded,
      top.map((c) => c.name),
      sameName,
    ),
    color: '#9e9e9e',
    description: ctx.words.uncodedDescription,
    position: top.length,
  });
  return guid;
}
