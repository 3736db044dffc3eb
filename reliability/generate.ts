import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const WORDS = (
  'the municipality plan district meeting place team officials residents work school housing media ' +
  'money funding project strategy obstacle opportunity we they think perhaps often never together ' +
  'kommunen området planen mötesplats boende skolan pengar insats hinder möjlighet strategi samverkan'
).split(' ');

/** A small seeded generator, so every run builds the same files. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sentence of `n` words, capitalised, ending with a full stop. */
export function sentence(next: () => number, n: number): string {
  const words = Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)] ?? 'word');
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** An interview transcript of about `chars` characters: `I:` and `IP:` turns. */
export function transcript(chars: number, seed: number): string {
  const next = random(seed);
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const line = `${i % 2 === 0 ? 'I' : 'IP'}: ${sentence(next, 8 + Math.floor(next() * 12))} ${sentence(next, 6 + Math.floor(next() * 10))}`;
    lines.push(line);
    length += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

const clock = (ms: number) => {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
};

/** A .srt of `cues` two-second cues, written as a stream (200,000 cues is about 14 MB). */
export async function writeSrt(file: string, cues: number, seed: number): Promise<number> {
  const next = random(seed);
  const out = createWriteStream(file);
  let bytes = 0;
  for (let i = 0; i < cues; i++) {
    const chunk = `${i + 1}\n${clock(i * 2000)} --> ${clock(i * 2000 + 1900)}\n${i % 2 ? 'IP' : 'I'}: ${sentence(next, 6)}\n\n`;
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** A plain-text transcript of exactly `bytes` bytes (ASCII), written as a stream. */
export async function writeText(file: string, bytes: number, seed: number): Promise<void> {
  const block = Buffer.from(transcript(64 * 1024, seed));
  const out = createWriteStream(file);
  for (let left = bytes; left > 0; left -= block.length) {
    if (!out.write(left >= block.length ? block : block.subarray(0, left))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
