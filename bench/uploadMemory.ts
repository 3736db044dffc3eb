import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { UPLOAD_LIMIT, UPLOAD_LIMIT_MB } from '../src/commands/helpers/uploadLimit.js';
import { DOCX_LIMITS } from '../src/formats/docx.js';
import { ODT_LIMITS } from '../src/formats/odt.js';
import { generateTranscript } from './corpus.js';
import type { BenchEnv } from './fixture.js';
import { type BenchResult, log, round1 } from './measure.js';

const MB = 1024 * 1024;
/** The promise of issue 10: no accepted upload takes the server past this. */
const PEAK_TARGET_MB = 1024;

/**
 * Peak memory of importing the largest file of each format Koda accepts: every file fills the
 * upload limit (docx and odt: the text parts they may inflate), and each import runs in a fresh
 * process (uploadChild.ts) whose maxRSS is the peak. Tests never assert these numbers; this does.
 */
export async function benchUploadMemory(env: BenchEnv): Promise<BenchResult> {
  const dir = join(env.root, 'uploads');
  await mkdir(dir, { recursive: true });
  const transcript = transcriptOf(UPLOAD_LIMIT);
  const files: [string, string, Uint8Array | string][] = [
    ['txt', 'limit.txt', transcript],
    ['srt', 'limit.srt', subtitles(transcript, 'srt')],
    ['vtt', 'limit.vtt', subtitles(transcript, 'vtt')],
    ['docx', 'limit.docx', docx(transcript, DOCX_LIMITS.maxTotalBytes)],
    ['odt', 'limit.odt', odt(transcript, ODT_LIMITS.maxTotalBytes)],
    ['pdf', 'limit.pdf', await pdf(transcript, UPLOAD_LIMIT)],
  ];
  const child = fileURLToPath(new URL('./uploadChild.js', import.meta.url));
  const metrics: BenchResult['metrics'] = [];
  const notes: string[] = [];
  for (const [format, name, content] of files) {
    const file = join(dir, name);
    await writeFile(file, content);
    const size = Buffer.byteLength(content);
    const out = execFileSync(process.execPath, [child, file, join(dir, `data-${format}`)], { encoding: 'utf8' });
    const { peakMb, ms } = JSON.parse(out.trim().split('\n').pop() as string) as { peakMb: number; ms: number };
    log(`${format}: ${round1(size / MB)} MB file, peak ${Math.round(peakMb)} MB, ${round1(ms / 1000)} s`);
    metrics.push({
      name: `peak RSS, ${format} of ${round1(size / MB)} MB`,
      value: Math.round(peakMb),
      unit: 'MB',
      target: { max: PEAK_TARGET_MB },
    });
    await rm(file);
  }
  notes.push(
    `upload limit ${UPLOAD_LIMIT_MB} MB; docx/odt bounded by inflated text parts (${DOCX_LIMITS.maxTotalBytes / MB} / ${ODT_LIMITS.maxTotalBytes / MB} MB)`,
  );
  return { name: 'upload', metrics, notes };
}

/** Synthetic interviews joined up to `bytes` of UTF-8, cut at a paragraph. */
function transcriptOf(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let seed = 1; size < bytes; seed++) {
    const part = generateTranscript(seed, { words: 150_000 });
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  const text = parts.join('');
  return text.slice(0, text.lastIndexOf('\n\n', Math.floor((bytes * text.length) / size) - 1000));
}

/** One cue of three seconds per paragraph, until the file would pass the limit. */
function subtitles(text: string, kind: 'srt' | 'vtt'): string {
  const out: string[] = kind === 'vtt' ? ['WEBVTT\n'] : [];
  let size = 0;
  let cue = 0;
  for (const paragraph of text.split('\n\n')) {
    const at = cue * 3000;
    const block = `${kind === 'srt' ? `${cue + 1}\n` : ''}${time(at, kind)} --> ${time(at + 3000, kind)}\n${paragraph}\n`;
    size += Buffer.byteLength(block) + 1;
    if (size > UPLOAD_LIMIT) break;
    out.push(block);
    cue++;
  }
  return out.join('\n');
}

function time(ms: number, kind: 'srt' | 'vtt'): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(ms / 3_600_000);
  return `${two(h)}:${two(Math.floor(ms / 60_000) % 60)}:${two(Math.floor(ms / 1000) % 60)}${kind === 'srt' ? ',' : '.'}${String(ms % 1000).padStart(3, '0')}`;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Paragraphs of `text` as XML, a run per word as Word writes them, up to `bytes` of XML. */
function xmlParagraphs(text: string, bytes: number, paragraph: (words: string[]) => string): string {
  const out: string[] = [];
  let size = 0;
  for (const p of text.split('\n\n')) {
    const xml = paragraph(p.split(' ').map(escapeXml));
    size += Buffer.byteLength(xml);
    if (size > bytes - 64 * 1024) break;
    out.push(xml);
  }
  return out.join('');
}

function docx(text: string, xmlBytes: number): Uint8Array {
  const run = (w: string) =>
    `<w:r w:rsidR="00A1B2C3"><w:rPr><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">${w} </w:t></w:r>`;
  const body = xmlParagraphs(
    text,
    xmlBytes,
    (words) => `<w:p w:rsidR="00A1B2C3"><w:pPr><w:spacing w:after="160"/></w:pPr>${words.map(run).join('')}</w:p>`,
  );
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    ),
  });
}

function odt(text: string, xmlBytes: number): Uint8Array {
  const span = (w: string) => `<text:span text:style-name="T1">${w}</text:span><text:s/>`;
  const body = xmlParagraphs(text, xmlBytes, (words) => `<text:p text:style-name="P1">${words.map(span).join('')}</text:p>`);
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'META-INF/manifest.xml': strToU8('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'),
    'content.xml': strToU8(
      `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>${body}</office:text></office:body></office:document-content>`,
    ),
  });
}

/** Pages of text in Helvetica (WinAnsi: other characters replaced) until the file nears `bytes`. */
async function pdf(text: string, bytes: number): Promise<Uint8Array> {
  const words = text.replace(/[^\x20-\x7e\n]/g, 'e').split(/\s+/);
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  let next = 0;
  let saved = await doc.save();
  while (saved.length < bytes * 0.9) {
    for (let i = 0; i < 200; i++) {
      const page = doc.addPage([595, 842]);
      for (let y = 800; y > 40; y -= 12, next = (next + 14) % words.length) {
        page.drawText(words.slice(next, next + 14).join(' '), { x: 30, y, size: 9, font });
      }
    }
    const candidate = await doc.save();
    if (candidate.length > bytes) break;
    saved = candidate;
  }
  return saved;
}
