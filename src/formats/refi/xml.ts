import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { invalid } from '../../core/errors.js';

/**
 * XML for REFI-QDA, both ways, in one place: a guarded reader (no DOCTYPE at all, so no external
 * entities and no entity expansion; capped size and nesting) that gives a small element tree, and
 * the escaping every writer goes through.
 */
export interface XmlElement {
  /** Local name, namespace prefix removed. */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data (text and CDATA, in order), entities decoded. */
  text: string;
}

export const XML_LIMITS = {
  maxChars: 100 * 1024 * 1024,
  /** REFI-QDA needs about 10 levels plus one per level of the code tree. */
  maxDepth: 256,
};

/** Parses `xml` (already decoded) from `file`; any problem is one KodaError and nothing else. */
export function parseXml(xml: string, file: string, limits = XML_LIMITS): XmlElement {
  if (xml.length > limits.maxChars) throw invalid('import.too-large', { file, format: 'XML' });
  // A DOCTYPE is how external entities and entity expansion ("billion laughs") get in; REFI-QDA
  // never needs one, so any declaration is refused before a parser sees the text.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw invalid('refi.xml-doctype', { file });
  const depth = maxDepth(xml, limits.maxDepth);
  if (depth > limits.maxDepth) throw invalid('refi.xml-too-deep', { file, depth: limits.maxDepth });
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) throw invalid('refi.not-xml', { file, line: valid.err.line });
  const parser = new XMLParser({
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
  let nodes: unknown[];
  try {
    nodes = parser.parse(xml) as unknown[];
  } catch {
    throw invalid('refi.not-xml', { file, line: 0 });
  }
  const roots = nodes.map(toElement).filter((e): e is XmlElement => e !== null);
  if (roots.length !== 1) throw invalid('refi.not-xml', { file, line: 0 });
  return roots[0] as XmlElement;
}

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

function toElement(node: unknown): XmlElement | null {
  if (!node || typeof node !== 'object') return null;
  const entries = Object.entries(node as Record<string, unknown>).filter(([k]) => k !== ':@');
  const [key, value] = entries[0] ?? [];
  if (!key || key.startsWith('#') || key.startsWith('?')) return null;
  const rawAttrs = ((node as Record<string, unknown>)[':@'] ?? {}) as Record<string, string>;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) {
    const local = k.startsWith('xmlns') ? k : k.slice(k.indexOf(':') + 1);
    attrs[local] = decodeEntities(String(v));
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (value as unknown[]) ?? []) {
    const c = child as Record<string, unknown>;
    if ('#text' in c) text += decodeEntities(String(c['#text']));
    else if ('#cdata' in c)
      text += ((c['#cdata'] as { '#text'?: unknown }[]) ?? []).map((t) => String(t['#text'] ?? '')).join('');
    else {
      const el = toElement(child);
      if (el) children.push(el);
    }
  }
  return { name: key.slice(key.indexOf(':') + 1), attrs, children, text };
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five predefined entities and character references; anything else stays as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

export const childrenOf = (el: XmlElement | undefined, name: string): XmlElement[] =>
  el ? el.children.filter((c) => c.name === name) : [];

export const childOf = (el: XmlElement | undefined, name: string): XmlElement | undefined =>
  el?.children.find((c) => c.name === name);

// ---------------------------------------------------------------------------------------------
// Writing

/** Characters XML 1.0 cannot carry at all, even as references. */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it finds
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes character data; `\r` is kept as a reference so a reader's line-end handling keeps it. */
export function escapeText(s: string): string {
  return s
    .replace(NOT_XML, '\ufffd')
    .replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** Escapes an attribute value; tabs and line ends as references so they survive normalisation. */
export function escapeAttr(s: string): string {
  return s
    .replace(NOT_XML, '\ufffd')
    .replace(
      /[&<>"\t\n\r]/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c] as string,
    );
}

export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** One element as text: attributes in the order given (absent ones left out), children joined. */
export function el(name: string, attrs: Attrs = {}, children: string[] | string = []): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
  // Element children go one to a line, so the file reads and diffs well; text stays as it is.
  const body = Array.isArray(children) ? children.filter((c) => c !== '').join('\n') : children;
  if (body === '') return `<${name}${a}/>`;
  return Array.isArray(children) ? `<${name}${a}>\n${body}\n</${name}>` : `<${name}${a}>${body}</${name}>`;
}

/** An element holding only text. */
export const textEl = (name: string, text: string): string => `<${name}>${escapeText(text)}</${name}>`;
