import { invalid } from '../../core/errors.js';
import { readXml, type XmlElement, type XmlProblem } from '../xml.js';

/**
 * XML for REFI-QDA, both ways, in one place: reading through the guarded reader of `../xml.ts`
 * with REFI-QDA's limits and words for a refusal, and the escaping every writer goes through.
 */
export { childOf, childrenOf, type XmlElement } from '../xml.js';

export const XML_LIMITS = {
  maxChars: 100 * 1024 * 1024,
  /** REFI-QDA needs about 10 levels plus one per level of the code tree. */
  maxDepth: 256,
};

function refuse(problem: XmlProblem, file: string) {
  switch (problem.kind) {
    case 'too-large':
      return invalid('import.too-large', { file, format: 'XML' });
    case 'doctype':
      return invalid('refi.xml-doctype', { file });
    case 'too-deep':
      return invalid('refi.xml-too-deep', { file, depth: problem.depth });
    case 'not-xml':
      return invalid('refi.not-xml', { file, line: problem.line });
    case 'bad-character':
      return invalid('xml.bad-character', { file, reference: problem.reference });
  }
}

/** Parses `xml` (already decoded) from `file`; any problem is one KodaError and nothing else. */
export const parseXml = (xml: string, file: string, limits = XML_LIMITS): XmlElement => readXml(xml, file, { limits, refuse });

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
