import { invalid } from '../../../core/errors.js';
import type { XmlElement } from '../xml.js';
import type { PlanContext } from './context.js';

/**
 * GUIDs and references: every GUID that names something is well-formed and unique, and every
 * reference names an element of the kind it must.
 */

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** Elements whose GUID names something Koda may import or refer to: these must be unique. */
const IDENTITY = new Set([
  'User',
  'Code',
  'Variable',
  'Case',
  'TextSource',
  'PDFSource',
  'PictureSource',
  'AudioSource',
  'VideoSource',
  'Note',
  'Set',
  'PlainTextSelection',
]);

export const SOURCES = ['TextSource', 'PDFSource', 'PictureSource', 'AudioSource', 'VideoSource'];
export const SELECTIONS = [
  'PlainTextSelection',
  'PDFSelection',
  'PictureSelection',
  'AudioSelection',
  'VideoSelection',
  'TranscriptSelection',
];

export function normalizeGuid(value: string | undefined): string | null {
  const m = GUID.exec((value ?? '').trim());
  return m ? (m[1] as string).toLowerCase() : null;
}

/** Records every GUID of the tree under `el`, refusing a malformed or repeated one. */
export function registerGuids(ctx: PlanContext, el: XmlElement): void {
  const { file } = ctx.input;
  const stack = [el];
  while (stack.length > 0) {
    const node = stack.pop() as XmlElement;
    if ('guid' in node.attrs && node.name !== 'MemberCode') {
      const guid = normalizeGuid(node.attrs.guid);
      if (IDENTITY.has(node.name)) {
        if (!guid) throw invalid('refi.bad-guid', { file, element: node.name, guid: node.attrs.guid ?? '' });
        const first = ctx.registry.get(guid);
        if (first) throw invalid('refi.duplicate-guid', { file, guid, first: first.kind, second: node.name });
        ctx.registry.set(guid, { kind: node.name, el: node });
      } else if (guid) ctx.others.set(guid, node.name);
    } else if (IDENTITY.has(node.name)) {
      throw invalid('refi.bad-guid', { file, element: node.name, guid: '' });
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as XmlElement);
  }
}

/** The GUID a reference element names; it must name an element of one of `kinds`. */
export function referenced(
  ctx: PlanContext,
  el: XmlElement,
  kinds: string[],
  attr = 'targetGUID',
): { guid: string; imported: boolean } {
  const raw = el.attrs[attr];
  const guid = normalizeGuid(raw);
  if (!guid) throw invalid('refi.bad-guid', { file: ctx.input.file, element: el.name, guid: raw ?? '' });
  const found = ctx.registry.get(guid);
  if (found && kinds.includes(found.kind)) return { guid, imported: true };
  const other = ctx.others.get(guid);
  if (!found && other && kinds.includes(other)) return { guid, imported: false };
  throw invalid('refi.unknown-guid', { file: ctx.input.file, element: el.name, guid });
}
