import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A deterministic corpus of synthetic interview transcripts for the benchmarks (no
 * dependencies, same seed → same bytes on every machine and Node version).
 *
 * A transcript looks like the thesis's: a header line, then speaker turns alternating `I: `
 * (the interviewer, short questions) and the participant `Name: ` (longer answers of one to
 * three paragraphs), paragraphs separated by a blank line. Words are drawn from a mixed
 * Swedish/English vocabulary with a Zipf distribution (rank r has weight 1/r), so function
 * words dominate and the study's codes ("möjligheter", "hinder", "samverkan", …) sit at fixed
 * mid ranks and get realistic hit counts for auto-coding and search benchmarks. About 5% of
 * paragraphs hold an emoji (astral characters, to exercise code point offsets).
 */

/** A seeded PRNG (sfc32, seeded through splitmix32). Returns floats in [0, 1). */
export interface Rng {
  (): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const rng = next as Rng;
  rng.int = (min, max) => min + Math.floor(next() * (max - min + 1));
  rng.pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  rng.chance = (p) => next() < p;
  return rng;
}

/** Mixes a corpus seed and an index into a transcript seed. */
function deriveSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary, most frequent first. Swedish and English function words interleave at the top;
// the study's codes sit at fixed ranks (KEY_RANKS); compounds make the long tail.

const FUNCTION_SV =
  'och att det i som en är på så jag vi man har inte med för de den kan om till ett men liksom alltså ju också där när mycket lite eller bara här då nu var hur vad av från efter under mer något några alla sina våra'.split(
    ' ',
  );
const FUNCTION_EN =
  'the and to of a in that it is we you they for with on this but not so like have be are was there about what more really just'.split(
    ' ',
  );

const CONTENT_SV = (
  'kommunen arbetet verksamheten ungdomar barn familjer föräldrar skolan polisen stadsdelen förvaltningen ' +
  'socialtjänsten insatser uppdrag ansvar beslut förtroende dialog kontakt nätverk utveckling förebyggande ' +
  'trygghet otrygghet segregation resurser budget projekt ledning chefer medarbetare tjänstemän politiker ' +
  'målgrupp behov stöd uppföljning media bilden rykte boende området områden invånare föreningar ' +
  'civilsamhället fritidsgård mötesplats mötesplatser områdesteam strategi strategier styrdokument ' +
  'finansiering handlingsutrymme möjlighet möjligheterna hindren insats kommun plan planen tid pengar ' +
  'samarbete samordning förändring erfarenhet kunskap viktigt svårt bra tycker tänker upplever känner ' +
  'jobbar gör fått behöver ska skulle kunde måste vill göra säga se få ha vara ta ge hitta försöka ' +
  'egentligen faktiskt kanske ofta ibland aldrig alltid väldigt ganska helt jättemycket t.ex. bl.a. ' +
  'dessutom däremot därför eftersom trots samtidigt tillsammans själv andra olika stora små nya gamla ' +
  'första sista viktigaste svåraste lättare tydligt långsiktigt kortsiktigt hållbart praktiken teorin ' +
  'frågan svaret problemet lösningen anledningen situationen perioden året veckan dagen mötet möten ' +
  'gruppen grupper personer människor folk unga vuxna äldre tjejer killar lärare fältassistenter ' +
  'socialsekreterare handläggare enhetschef samordnare mål resultat effekter utvärdering'
).split(' ');

const CONTENT_EN = (
  'collaboration funding barriers stakeholders outreach youth community policy framework discretion ' +
  'workload trust network meeting resources management evaluation sustainability approach challenge ' +
  'challenges issue issues people work working think know mean feel actually basically maybe kind sort ' +
  'important difficult good social services school police parents families neighbourhood district ' +
  'officials decision decisions budget project projects strategy strategies level levels long-term ' +
  'short-term capacity frontline street-level practice theory outcome outcomes impact'
).split(' ');

/** Capitalised names and places: pseudonyms, districts and towns, as in the thesis. */
const NAMES = [
  'Kerstin',
  'Albin',
  'Kristin',
  'Omega',
  'Göran',
  'Åsa',
  'Örjan',
  'Märta',
  'Stockholm',
  'Malmö',
  'Göteborg',
  'Lipsky',
  'Ängby',
  'Västra',
  'Björn',
  'Lena',
  'Anna-Karin',
  'Sara',
  'Johan',
  'Ylva',
  'Östermalm',
  'Uppsala',
] as const;

/** Participant labels; each transcript has one. */
const PARTICIPANTS = [
  'Albin',
  'Kristin',
  'Kerstin',
  'Anna-Karin',
  'Åsa',
  'Örjan',
  'Märta',
  'Göran',
  'Lena',
  'Björn',
  'Ylva',
  'Johan',
  'Sara',
  'Elif',
  'Mohammed',
  'Ingrid',
  'Per-Olof',
  'Sofia',
  'Ahmed',
  'Maja',
  'Emil',
  'Zeynep',
] as const;

/** The study's codes, at fixed Zipf ranks (1-based) so their frequency is known. */
export const KEY_RANKS: Readonly<Record<string, number>> = {
  möjligheter: 60,
  hinder: 90,
  samverkan: 120,
  strategier: 150,
  handlingsutrymme: 400,
  styrdokument: 600,
};

const STEMS =
  'skol fritids social stads kommun polis förenings områdes ungdoms familje trygghets projekt budget arbets samverkans ledar medborgar kultur idrotts hälso'.split(
    ' ',
  );
const HEADS =
  'verksamhet arbete grupp plan möte insats frågor ansvar team samtal nätverk miljö personal ledning dialog satsning uppdrag enhet råd forum'.split(
    ' ',
  );
const EMOJI = ['😊', '👍', '🙂', '😅', '🤔', '❤️', '🙏', '😂'] as const;
const FILLERS = ['eh', 'mm', 'öh', 'liksom', 'you know', '(skratt)', '[paus]', 'asså'] as const;
const QUESTION_STARTS = [
  'Hur upplever du',
  'Kan du berätta om',
  'Vad tänker du om',
  'Hur fungerar',
  'Vad betyder',
  'Finns det',
  'Hur ser du på',
  'Vilka',
  'What do you think about',
  'How do you see',
  'Could you say more about',
  'Varför',
] as const;

function buildVocabulary(): string[] {
  const head: string[] = [];
  const sv = [...FUNCTION_SV];
  const en = [...FUNCTION_EN];
  while (sv.length > 0 || en.length > 0) {
    for (let k = 0; k < 2 && sv.length > 0; k++) head.push(sv.shift() as string);
    if (en.length > 0) head.push(en.shift() as string);
  }
  const content: string[] = [];
  const csv = [...CONTENT_SV];
  const cen = [...CONTENT_EN];
  while (csv.length > 0 || cen.length > 0) {
    for (let k = 0; k < 3 && csv.length > 0; k++) content.push(csv.shift() as string);
    if (cen.length > 0) content.push(cen.shift() as string);
  }
  const tail: string[] = [];
  for (const h of HEADS) for (const s of STEMS) tail.push(s + h);
  const keys = new Set(Object.keys(KEY_RANKS));
  const vocab = [...new Set([...head, ...content, ...tail])].filter((w) => !keys.has(w));
  const placed = Object.entries(KEY_RANKS).sort((x, y) => x[1] - y[1]);
  for (const [word, rank] of placed) vocab.splice(rank - 1, 0, word);
  return vocab;
}

export const VOCABULARY: readonly string[] = buildVocabulary();

/**
 * Cumulative Zipf–Mandelbrot weights over VOCABULARY (rank r weighs 1/(r + 2.7), which keeps
 * the top function words near the few percent they have in speech), for sampling by binary search.
 */
const CUMULATIVE: Float64Array = (() => {
  const c = new Float64Array(VOCABULARY.length);
  let sum = 0;
  for (let r = 0; r < VOCABULARY.length; r++) {
    sum += 1 / (r + 1 + 2.7);
    c[r] = sum;
  }
  for (let r = 0; r < c.length; r++) c[r] = (c[r] as number) / sum;
  return c;
})();

function zipfWord(rng: Rng): string {
  const x = rng();
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((CUMULATIVE[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo] as string;
}

const capitalise = (w: string) => w.charAt(0).toLocaleUpperCase('sv') + w.slice(1);

/** Appends a sentence's words to `out`; returns how many words it added. */
function sentence(rng: Rng, out: string[], min: number, max: number, end: string, initial = true): number {
  const n = rng.int(min, max);
  for (let i = 0; i < n; i++) {
    let w = rng.chance(0.015) ? rng.pick(NAMES) : rng.chance(0.01) ? rng.pick(FILLERS) : zipfWord(rng);
    if (i === 0 && initial) w = capitalise(w);
    if (i < n - 1 && rng.chance(0.07)) w += ',';
    out.push(i === n - 1 ? w + end : w);
  }
  return n;
}

function paragraph(rng: Rng): { text: string; words: number } {
  const words: string[] = [];
  let count = 0;
  const sentences = rng.int(2, 7);
  for (let s = 0; s < sentences; s++) {
    count += sentence(rng, words, 4, 22, rng.chance(0.9) ? '.' : rng.chance(0.6) ? '?' : '!');
  }
  if (rng.chance(0.05)) words.splice(rng.int(1, words.length), 0, rng.pick(EMOJI));
  return { text: words.join(' '), words: count };
}

function question(rng: Rng): { text: string; words: number } {
  const start = rng.pick(QUESTION_STARTS);
  const words: string[] = [start];
  const n = sentence(rng, words, 2, 9, '?', false);
  let text = words.join(' ');
  if (rng.chance(0.05)) text += ` ${rng.pick(EMOJI)}`;
  return { text, words: n + start.split(' ').length };
}

export interface TranscriptOptions {
  /** Words of speech to generate (labels not counted); the last answer is finished. */
  words?: number;
  /** The participant's label; drawn from the seed when absent. */
  participant?: string;
}

/** One synthetic interview transcript (canonical: NFC, `\n` line ends). */
export function generateTranscript(seed: number, { words = 12_000, participant }: TranscriptOptions = {}): string {
  const rng = createRng(seed);
  const who = participant ?? rng.pick(PARTICIPANTS);
  const day = String(rng.int(1, 28)).padStart(2, '0');
  const parts: string[] = [`Intervju med ${who}, ${rng.pick(NAMES)}, 2024-03-${day}`];
  let count = 0;
  while (count < words) {
    const q = question(rng);
    parts.push(`I: ${q.text}`);
    count += q.words;
    const paragraphs = rng.chance(0.6) ? 1 : rng.int(2, 3);
    for (let p = 0; p < paragraphs; p++) {
      const a = paragraph(rng);
      parts.push(p === 0 ? `${who}: ${a.text}` : a.text);
      count += a.words;
    }
  }
  return `${parts.join('\n\n')}\n`;
}

export interface GeneratedTranscript {
  fileName: string;
  participant: string;
  text: string;
}

/** `n` transcripts, deterministic in `seed`, with unique file names (`intervju-0001-albin.txt`). */
export function* generateCorpus(n: number, seed: number, options: TranscriptOptions = {}): Generator<GeneratedTranscript> {
  for (let i = 0; i < n; i++) {
    const s = deriveSeed(seed, i);
    const participant = options.participant ?? (createRng(s ^ 0x5bd1e995).pick(PARTICIPANTS) as string);
    const text = generateTranscript(s, { ...options, participant });
    const slug = participant
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^a-z0-9]+/g, '-');
    yield { fileName: `intervju-${String(i + 1).padStart(4, '0')}-${slug}.txt`, participant, text };
  }
}

export interface WrittenCorpus {
  dir: string;
  files: { path: string; fileName: string; participant: string; bytes: number }[];
  bytes: number;
}

/** Writes the corpus to `dir` as UTF-8 .txt files (for the CLI and for ripgrep comparisons). */
export async function writeCorpus(dir: string, n: number, seed: number, options: TranscriptOptions = {}): Promise<WrittenCorpus> {
  await mkdir(dir, { recursive: true });
  const files: WrittenCorpus['files'] = [];
  let total = 0;
  for (const t of generateCorpus(n, seed, options)) {
    const data = Buffer.from(t.text, 'utf8');
    const path = join(dir, t.fileName);
    await writeFile(path, data);
    files.push({ path, fileName: t.fileName, participant: t.participant, bytes: data.length });
    total += data.length;
  }
  return { dir, files, bytes: total };
}
