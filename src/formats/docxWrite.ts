import { coreProperties, type OfficeWriting, officeZip, XML_HEAD, xmlAttr, xmlText } from './officeZip.js';

/**
 * Writing a Word document (WordprocessingML) ourselves for the long exports, the quote list and
 * the coded transcript: the `docx` package built an object for every run and cell, turned them
 * into XML through another tree and zipped the result, about 0.6–0.9 s and 150 MiB at its peak
 * for 10,000 quotes or a 1,000,000-character transcript (issue 17). Here the body is written as
 * XML text in pieces and deflated as it comes (officeZip.ts). The results draft, shorter and
 * richer, stays with the `docx` package.
 */
export interface WordDocument {
  title: string;
  /** BCP 47 language of the text, for spelling and hyphenation (`sv-SE`, `en-GB`). */
  language: string;
  /** Space after a Normal paragraph, in twentieths of a point. */
  spacingAfter: number;
  /** The document's own paragraph styles (`paragraphStyle`), besides Normal, Title and Heading 2. */
  styles?: readonly string[];
  /** The body's elements (paragraphs, tables) as XML, in order. */
  body: Iterable<string>;
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export function docxPackage(doc: WordDocument): OfficeWriting {
  return officeZip([
    { name: '[Content_Types].xml', pieces: [CONTENT_TYPES] },
    { name: '_rels/.rels', pieces: [ROOT_RELS] },
    { name: 'docProps/core.xml', pieces: [coreProperties('Koda', doc.title)] },
    { name: 'word/_rels/document.xml.rels', pieces: [DOCUMENT_RELS] },
    { name: 'word/styles.xml', pieces: [styles(doc)] },
    { name: 'word/document.xml', pieces: documentXml(doc.body) },
  ]);
}

function* documentXml(body: Iterable<string>): Generator<string> {
  yield `${XML_HEAD}<w:document xmlns:w="${W}" xmlns:r="${REL}"><w:body>`;
  yield* body;
  // A4 with Word's default margins.
  yield '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>';
}

export interface RunLook {
  bold?: boolean;
  italics?: boolean;
  /** Half-points, e.g. 18 for 9 pt. */
  size?: number;
  superscript?: boolean;
  /** Text colour, hex without #. */
  color?: string;
  /** Background shading, hex without #. */
  shade?: string;
}

/** A run of text with its look; the text is escaped and its spaces kept. */
export function run(text: string, look: RunLook = {}): string {
  const props = runProps(look);
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}

function runProps(look: RunLook): string {
  let props = '';
  if (look.bold) props += '<w:b/>';
  if (look.italics) props += '<w:i/>';
  if (look.color) props += `<w:color w:val="${look.color}"/>`;
  if (look.size) props += `<w:sz w:val="${look.size}"/><w:szCs w:val="${look.size}"/>`;
  if (look.shade) props += `<w:shd w:val="clear" w:color="auto" w:fill="${look.shade}"/>`;
  if (look.superscript) props += '<w:vertAlign w:val="superscript"/>';
  return props;
}

/** A paragraph of runs, in a paragraph style or Normal. */
export function paragraph(runs: string, style?: string): string {
  return `<w:p>${style ? `<w:pPr><w:pStyle w:val="${xmlAttr(style)}"/></w:pPr>` : ''}${runs}</w:p>`;
}

export interface ParagraphStyle {
  id: string;
  name: string;
  /** Left and right indent, in twentieths of a point. */
  indent?: number;
  before?: number;
  after?: number;
  keepNext?: boolean;
  run?: RunLook;
}

/** A paragraph style based on Normal, followed by Normal. */
export function paragraphStyle(s: ParagraphStyle): string {
  const spacing =
    s.before !== undefined || s.after !== undefined
      ? `<w:spacing${s.before !== undefined ? ` w:before="${s.before}"` : ''}${s.after !== undefined ? ` w:after="${s.after}"` : ''}/>`
      : '';
  const indent = s.indent !== undefined ? `<w:ind w:left="${s.indent}" w:right="${s.indent}"/>` : '';
  const look = s.run ? runProps(s.run) : '';
  return `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${xmlAttr(s.id)}"><w:name w:val="${xmlAttr(s.name)}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>${s.keepNext ? '<w:keepNext/>' : ''}${spacing}${indent}</w:pPr>${look ? `<w:rPr>${look}</w:rPr>` : ''}</w:style>`;
}

function styles(doc: WordDocument): string {
  return `${XML_HEAD}<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" w:cstheme="minorBidi"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="${xmlAttr(doc.language)}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="${doc.spacingAfter}"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:sz w:val="56"/><w:szCs w:val="56"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>${(doc.styles ?? []).join('')}</w:styles>`;
}

const CONTENT_TYPES = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;

const ROOT_RELS = `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

const DOCUMENT_RELS = `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
