import type { OfficeWriting } from '../../formats/officeZip.js';
import { piecesToBytes } from '../../formats/pieces.js';
import { Slice } from '../../store/eventLoop.js';

/**
 * A file an export made: a zip format's bytes, or a text format's pieces (formats/pieces.ts). The
 * server streams `pieces` to the reply as they are written; the CLI and the tests take `bytes`,
 * joined on asking. The text is written again each time either is asked for, so nothing holds it.
 */
export interface FileContent {
  /** The text in pieces, each call a fresh writing; absent for a zip format. */
  pieces?: () => Iterable<string>;
  readonly bytes: Uint8Array;
}

/** `fields` with the file's content added (`bytes` a getter for a text format: no spreading). */
export function withContent<T extends object>(file: Uint8Array | Iterable<string>, fields: T): T & FileContent {
  if (file instanceof Uint8Array) return { ...fields, bytes: file };
  const pieces = () => file;
  return Object.defineProperties(
    { ...fields, pieces },
    { bytes: { get: () => piecesToBytes(pieces()), enumerable: true } },
  ) as T & FileContent;
}

/**
 * An Office file (xlsx, docx) written a step at a time, with a turn of the event loop whenever a
 * slice is used up: written at once, a quote list of 10,000 quotes held the server about 60 ms.
 */
export async function writtenInSlices(writing: OfficeWriting): Promise<Uint8Array> {
  const slice = new Slice();
  for (;;) {
    const step = writing.next();
    if (step.done) return step.value;
    if (slice.due()) await slice.pause();
  }
}
