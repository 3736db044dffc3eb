import { PassThrough } from 'node:stream';
import { fileTypeOf } from './mediaType.js';

/**
 * The media Koda keeps as recordings, by the type the bytes show (file-type), with the type they
 * are served as: the one browsers play (file-type names an m4a `audio/x-m4a`).
 */
const PLAYABLE: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg; codecs=opus',
  m4a: 'audio/mp4',
  webm: 'video/webm',
  mp4: 'video/mp4',
};

export interface RecordingKind {
  /** The format the bytes are in: wav, mp3, ogg, oga, opus, m4a, webm, mp4. */
  format: string;
  mediaType: string;
}

/** music-metadata loads with the first recording, not with the server (mediaType.ts says why). */
async function parseDuration(feed: PassThrough, kind: RecordingKind) {
  const { parseStream } = await import('music-metadata');
  return parseStream(feed, { mimeType: kind.mediaType }, { duration: true, skipCovers: true });
}

/** The kind of a recording from its first bytes; null when they are no audio or video Koda keeps. */
export async function sniffRecording(head: Uint8Array): Promise<RecordingKind | null> {
  const found = await fileTypeOf(head);
  const mediaType = found ? PLAYABLE[found.ext] : undefined;
  return found && mediaType ? { format: found.ext, mediaType } : null;
}

/**
 * Reads a recording's duration as its bytes arrive: `push` each piece in order, then `end`.
 * music-metadata reads the file's headers (and, for a format without a length in them, scans
 * it); once it has its answer, what is pushed after is dropped, so nothing piles up. At most one
 * piece waits for the parser: the reader's memory does not grow with the file.
 */
export class DurationReader {
  private readonly feed = new PassThrough({ highWaterMark: 256 * 1024 });
  private settled = false;
  private readonly result: Promise<number | null>;

  constructor(kind: RecordingKind) {
    this.result = parseDuration(this.feed, kind).then((metadata) => {
      const seconds = metadata.format.duration;
      return seconds === undefined || !Number.isFinite(seconds) ? null : Math.round(seconds * 1000);
    });
    // Settled either way: a failure is told by `duration()`.
    this.result.then(
      () => this.stop(),
      () => this.stop(),
    );
  }

  async push(piece: Uint8Array): Promise<void> {
    if (this.settled || this.feed.write(piece)) return;
    await new Promise<void>((resolve) => {
      const go = () => resolve();
      this.feed.once('drain', go);
      this.result.then(go, go);
    });
  }

  /** The duration in milliseconds, null when the file does not tell it; rejects when the file cannot be read. */
  async duration(): Promise<number | null> {
    if (!this.settled) this.feed.end();
    return this.result;
  }

  /** Stops reading (an upload refused half-way). */
  abandon(): void {
    this.result.catch(() => undefined);
    this.stop();
  }

  private stop(): void {
    this.settled = true;
    this.feed.destroy();
  }
}
