import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Real speech made by espeak-ng, turned by sox into a recording of exactly `seconds` (padded
 * with silence) at CD rate, stereo: 176 kB a second, so a few seconds span several 256 KiB
 * chunks. `format` is sox's (wav, ogg, flac). Returns the bytes and sox's own reading of the
 * duration, in milliseconds.
 */
export function speech(dir: string, seconds: number, format: string): { bytes: Buffer; soxMs: number } {
  const said = join(dir, 'said.wav');
  const out = join(dir, `interview-${seconds}.${format}`);
  const quiet = { stdio: ['ignore', 'pipe', 'ignore'] as ('ignore' | 'pipe')[] };
  execFileSync('espeak-ng', ['-v', 'sv', '-w', said, 'Vi har ett områdesteam och en mötesplats i stadsdelen.'], quiet);
  const bits = format === 'ogg' ? [] : ['-b', '16'];
  const span = ['pad', '0', String(seconds), 'trim', '0', String(seconds)];
  execFileSync('sox', [said, '-r', '44100', '-c', '2', ...bits, out, ...span], quiet);
  const soxMs = Math.round(Number(execFileSync('sox', ['--i', '-D', out], quiet).toString().trim()) * 1000);
  return { bytes: readFileSync(out), soxMs };
}

/** Bytes as the pieces an upload arrives in (of an odd size, so chunks are cut across them). */
export async function* pieces(bytes: Uint8Array, size = 100_000): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += size) yield bytes.subarray(at, at + size);
}
