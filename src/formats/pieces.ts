/**
 * Text files written in pieces (csv, html): a format yields its text about 64 KB at a time, so a
 * server can stream it to the reply as it is written and never hold the whole file as one string
 * and its bytes besides; a caller that wants the file whole joins the pieces (`piecesToBytes`).
 */

/** About 64 KB of text per piece: few enough writes, small enough to hold. */
export const PIECE = 64 * 1024;

/** A text file whose pieces are written afresh each time it is iterated (`parts` gathered into pieces). */
export function textFile(parts: () => Iterable<string>): Iterable<string> {
  return { [Symbol.iterator]: () => gathered(parts())[Symbol.iterator]() };
}

/** Small strings gathered into pieces of about `size` characters. */
export function* gathered(parts: Iterable<string>, size = PIECE): Generator<string> {
  let piece = '';
  for (const part of parts) {
    piece += part;
    if (piece.length >= size) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

export function piecesToBytes(pieces: Iterable<string>): Uint8Array {
  const encoder = new TextEncoder();
  return joinBytes(Array.from(pieces, (piece) => encoder.encode(piece)));
}

/** Byte arrays one after another in one array. */
export function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}
