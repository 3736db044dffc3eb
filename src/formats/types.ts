/**
 * What every importer gives back: the canonical text (see core/text/canonical.ts) and the
 * speaker turns found in it. Offsets are code points into `text`, `[start, end)`.
 */
export interface ParsedTurn {
  start: number;
  end: number;
  /** The speaker's label as written (`I`, `IP`, `Albin`); null when unknown. */
  speaker: string | null;
  /** Milliseconds from the start of the recording, when the file carries timestamps. */
  startMs: number | null;
  endMs: number | null;
}

export type SourceKind = 'txt' | 'md' | 'docx' | 'odt' | 'pdf' | 'vtt' | 'srt';

export interface ParsedSource {
  kind: SourceKind;
  text: string;
  turns: ParsedTurn[];
  /** Small facts worth keeping (page count, title, cue count); never the text again. */
  metadata: Record<string, string | number | boolean>;
  /** Media type of the original file. */
  mediaType: string;
}

export type Importer = (bytes: Uint8Array, fileName: string) => Promise<ParsedSource>;
