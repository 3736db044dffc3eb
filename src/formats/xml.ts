import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { KodaError } from '../core/errors.js';

/**
 * The one guarded XML reader, for every format that reads XML (REFI-QDA, odt): no DOCTYPE at
 * all, so no external entities and no entity expansion; capped size and nesting; character
 * references only to characters XML can carry. It gives a small element tree.
 */
export interface XmlElement {
  /** Local name, namespace prefix removed. */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data (text and CDATA, in order), entities decoded. */
  text: string;
  /** Character data and child elements in document order, for mixed content (running text). */
  content: (XmlElement | string)[];
}

export interface XmlLimits {
  maxChars: number;
  maxDepth: number;
}

/** Why a text was refused, before the format words it as its own KodaError. */
export type XmlProblem =
  | { kind: 'too-large' }
  | { kind: 'doctype' }
  | { kind: 'too-deep'; depth: number }
  | { kind: 'not-xml'; line: number }
  | { kind: 'bad-character'; reference: string };

export interface XmlGuard {
  limits: XmlLimits;
  /** The error a problem becomes for this format, so each keeps its own words. */
  refuse: (problem: XmlProblem, file: string) => KodaError;
}

/** Parses `xml` (already decoded) from `file`; any problem is one KodaError and nothing else. */
export function readXml(xml: string, file: string, guard: XmlGuard): XmlElement {
  const { limits, refuse } = guard;
  if (xml.length > limits.maxChars) throw refuse({ kind: 'too-large' }, file);
  // A DOCTYPE is how external entities and entity expansion ("billion laughs") get in; no format
  // Koda reads needs one, so any declaration is refused before a parser sees the text.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw refuse({ kind: 'doctype' }, file);
  if (maxDepth(xml, limits.maxDepth) > limits.maxDepth) throw refuse({ kind: 'too-deep', depth: limits.maxDepth }, file);
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) throw refuse({ kind: 'not-xml', line: valid.err.line }, file);
  let nodes: unknown[];
  try {
    nodes = parserFor(limits).parse(xml) as unknown[];
  } catch {
    throw refuse({ kind: 'not-xml', line: 0 }, file);
  }
  const decode = (s: string) => {
    const bad = badReference(s);
    if (bad) throw refuse({ kind: 'bad-character', reference: bad }, file);
    return decodeEntities(s);
  };
  const roots = nodes.map((n) => toElement(n, decode)).filter((e): e is XmlElement => e !== null);
  if (roots.length !== 1) throw refuse({ kind: 'not-xml', line: 0 }, file);
  return roots[0] as XmlElement;
}

const parserFor = (limits: XmlLimits) =>
  new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: '#cdata',
    maxNestedTags: limits.maxDepth + 1,
  });

/** Deepest element nesting, counted without parsing (stops counting past `cap`). */
function maxDepth(xml: string, cap: number): number {
  let depth = 0;
  let deepest = 0;
  let i = xml.indexOf('<');
  while (i !== -1 && i < xml.length) {
    if (xml.startsWith('<!--', i)) i = skipTo(xml, '-->', i);
    else if (xml.startsWith('<![CDATA[', i)) i = skipTo(xml, ']]>', i);
    else if (xml.startsWith('<?', i) || xml.startsWith('<!', i)) i = skipTo(xml, '>', i);
    else if (xml.startsWith('</', i)) {
      depth--;
      i = skipTo(xml, '>', i);
    } else {
      const end = tagEnd(xml, i);
      if (xml.charCodeAt(end - 1) !== 0x2f) depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > cap) return deepest;
      i = end + 1;
    }
    i = xml.indexOf('<', i);
  }
  return deepest;
}

function skipTo(xml: string, marker: string, from: number): number {
  const at = xml.indexOf(marker, from);
  return at === -1 ? xml.length : at + marker.length;
}

/** Index of the `>` closing the start tag at `from`, quotes respected. */
function tagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let i = from + 1; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i;
  }
  return xml.length;
}

function toElement(node: unknown, decode: (s: string) => string): XmlElement | null {
  if (!node || typeof node !== 'object') return null;
  const entries = Object.entries(node as Record<string, unknown>).filter(([k]) => k !== ':@');
  const [key, value] = entries[0] ?? [];
  if (!key || key.startsWith('#') || key.startsWith('?')) return null;
  const rawAttrs = ((node as Record<string, unknown>)[':@'] ?? {}) as Record<string, string>;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) {
    const local = k.startsWith('xmlns') ? k : k.slice(k.indexOf(':') + 1);
    attrs[local] = decode(String(v));
  }
  const children: XmlElement[] = [];
  const content: (XmlElement | string)[] = [];
  let text = '';
  for (const child of (value as unknown[]) ?? []) {
    const c = child as Record<string, unknown>;
    let part: XmlElement | string | null;
    if ('#text' in c) part = decode(String(c['#text']));
    else if ('#cdata' in c) part = ((c['#cdata'] as { '#text'?: unknown }[]) ?? []).map((t) => String(t['#text'] ?? '')).join('');
    else {
      part = toElement(child, decode);
      if (part) children.push(part);
    }
    if (typeof part === 'string') text += part;
    if (part !== null) content.push(part);
  }
  return { name: key.slice(key.indexOf(':') + 1), attrs, children, text, content };
}

const REFERENCE = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const codePointOf = (ref: string) => (ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10));

/** XML 1.0's Char production: what a document may hold, written out or as a reference. */
const isXmlChar = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

/** The first character reference in `s` to a character XML cannot carry (`&#0;`, a lone surrogate). */
function badReference(s: string): string | undefined {
  if (!s.includes('&#')) return undefined;
  for (const [whole, ref] of s.matchAll(REFERENCE)) {
    if (ref?.startsWith('#') && !isXmlChar(codePointOf(ref))) return whole;
  }
  return undefined;
}

/** The five predefined entities and character references; anything else stays as written. */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(REFERENCE, (whole, ref: string) =>
    ref.startsWith('#') ? String.fromCodePoint(codePointOf(ref)) : (NAMED[ref] ?? whole),
  );
}

export const childrenOf = (el: XmlElement | undefined, name: string): XmlElement[] =>
  el ? el.children.filter((c) => c.name === name) : [];

export const childOf = (el: XmlElement | undefined, name: string): XmlElement | undefined =>
  el?.children.find((c) => c.name === name);
