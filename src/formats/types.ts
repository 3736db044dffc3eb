import type { SpeakerTurn } from '../core/transcript/turns.js';

/**
 * What every importer gives back: the canonical text (see core/text/canonical.ts) and the
 * speaker turns found in it (see core/transcript/turns.ts).
 */

export type SourceKind =
  | 'txt'
  | 'md'
  | 'docx'
  | 'odt'
  | 'pdf'
  | 'vtt'
  | 'srt'
  // What transcription tools write (timedTurns.ts): Whisper and WhisperX JSON, oTranscribe,
  // f4/f5 text with `#hh:mm:ss-t#` stamps, Otter.ai text exports.
  | 'whisper'
  | 'whisperx'
  | 'otr'
  | 'f4'
  | 'otter';

export interface ParsedSource {
  kind: SourceKind;
  text: string;
  turns: SpeakerTurn[];
  /** Small facts worth keeping (page count, title, cue count); never the text again. */
  metadata: Record<string, string | number | boolean>;
  /** Media type of the original file. */
  mediaType: string;
}

export type Importer = (bytes: Uint8Array, fileName: string) => Promise<ParsedSource>;
