import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Answer } from '../reliability/http.js';

/** What the browser would ask for: a compressed answer when the server has one. */
export const ACCEPT_COMPRESSED = { 'accept-encoding': 'gzip, br' };

/** An answer's size on the wire and once decoded, and the decoded body. */
export interface WireBody {
  encoding: string;
  wireBytes: number;
  body: Buffer;
}

/**
 * The body as the server meant it, undoing its content-encoding (none, gzip, br, deflate), so
 * the bench keeps measuring whichever the server chooses. An encoding it cannot undo is an error.
 */
export function decodeBody(answer: Pick<Answer, 'bytes' | 'headers'>): WireBody {
  const encoding = String(answer.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  const decode: Record<string, (b: Buffer) => Buffer> = {
    identity: (b) => b,
    gzip: gunzipSync,
    br: brotliDecompressSync,
    deflate: inflateSync,
  };
  const undo = decode[encoding];
  if (!undo) throw new Error(`the bench cannot decode content-encoding ${encoding}`);
  return { encoding, wireBytes: answer.bytes.length, body: undo(answer.bytes) };
}

/**
 * How many segments a list answer holds, whatever its shape: an array of segments, an object
 * with a `segments` array (a page) or object, or columns (an object of arrays, one per field,
 * perhaps beside a shorter lookup table such as the codes named once). Undefined when the shape
 * says nothing countable.
 */
export function countSegments(json: unknown): number | undefined {
  if (Array.isArray(json)) return json.length;
  if (typeof json !== 'object' || json === null) return undefined;
  const fields = json as Record<string, unknown>;
  if (Array.isArray(fields.segments)) return fields.segments.length;
  if (typeof fields.segments === 'object' && fields.segments !== null) return countSegments(fields.segments);
  return columnLength(Object.values(fields).flatMap((v) => (Array.isArray(v) ? [v.length] : [])));
}

/** The length most of the arrays share (the columns), the longer on a tie; a lone array's own. */
function columnLength(lengths: number[]): number | undefined {
  if (lengths.length === 1) return lengths[0];
  const counts = new Map<number, number>();
  for (const n of lengths) counts.set(n, (counts.get(n) ?? 0) + 1);
  const [best] = [...counts].filter(([, c]) => c >= 2).sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  return best?.[0];
}

/**
 * A page of a list (`{ segments: [...], next }`, as the routes answer when given `limit`): its
 * segments and where the next page begins; undefined when the answer is not a page.
 */
export function segmentPage(
  answer: Pick<Answer, 'bytes' | 'headers' | 'status'>,
): { segments: unknown[]; next: string | null } | undefined {
  if (answer.status !== 200) return undefined;
  const json = parseJson(decodeBody(answer).body) as { segments?: unknown; next?: unknown } | undefined;
  if (!Array.isArray(json?.segments) || !(typeof json.next === 'string' || json.next === null)) return undefined;
  return { segments: json.segments, next: json.next };
}

/** A decoded body as JSON; undefined when it is not JSON. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
