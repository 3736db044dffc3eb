import { Parser } from 'htmlparser2';
import { z } from 'zod';
import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { matchSpeakerPrefix } from '../core/transcript/turns.js';
import { parseJson } from './json.js';
import { type TimedParagraph, timedSource } from './timedTurns.js';
import { decodeText } from './txt.js';
import type { ParsedSource } from './types.js';

/**
 * oTranscribe (.otr): JSON `{ text, media, "media-time" }` whose `text` is the editor's HTML,
 * timestamps inserted as `<span class="timestamp" data-timestamp="83.4">01:23</span>` (seconds).
 * Each line (`<p>`, `<div>`, `<br>`) is a paragraph; a line with a timestamp or a speaker label
 * (`Albin:`) starts a turn at its first timestamp, a line with neither continues the turn before.
 * A turn ends where the next timed turn starts (the last one has no end).
 */

const Otr = z.object({ text: z.string(), 'media-time': z.number().optional() });
const BLOCKS = new Set(['p', 'div', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr']);

interface Line {
  text: string;
  stampMs: number | null;
}

/** The editor's HTML as lines of text, each with its first timestamp. */
function htmlLines(html: string, file: string): Line[] {
  const lines: Line[] = [{ text: '', stampMs: null }];
  let inStamp = 0;
  const current = () => lines[lines.length - 1] as Line;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (BLOCKS.has(name)) lines.push({ text: '', stampMs: null });
        const stamp = attribs['data-timestamp'];
        if (inStamp > 0) inStamp++;
        else if (name === 'span' && stamp !== undefined) {
          const seconds = Number(stamp);
          if (stamp.trim() === '' || !Number.isFinite(seconds) || seconds < 0)
            throw invalid('import.otr-timestamp', { file, value: stamp.slice(0, 40) });
          current().stampMs ??= Math.round(seconds * 1000);
          inStamp = 1;
        }
      },
      onclosetag(name) {
        if (inStamp > 0) inStamp--;
        if (BLOCKS.has(name) && name !== 'br') lines.push({ text: '', stampMs: null });
      },
      ontext(text) {
        if (inStamp === 0) current().text += text;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return lines.map((l) => ({ ...l, text: l.text.replace(/[ \t\u00a0]+/g, ' ').trim() })).filter((l) => l.text !== '');
}

function paragraphs(lines: Line[]): TimedParagraph[] {
  const out: TimedParagraph[] = [];
  for (const line of lines) {
    const prefix = matchSpeakerPrefix(line.text);
    const last = out[out.length - 1];
    if (!prefix && line.stampMs === null && last && (last.speaker !== null || last.startMs !== null)) {
      last.text += `\n${line.text}`;
      continue;
    }
    out.push({
      speaker: prefix?.speaker ?? null,
      text: prefix ? line.text.slice(prefix.length) : line.text,
      startMs: line.stampMs ?? prefix?.startMs ?? null,
      endMs: null,
    });
  }
  // A turn ends where the next timed one starts.
  let nextStart: number | null = null;
  for (let i = out.length - 1; i >= 0; i--) {
    const p = out[i] as TimedParagraph;
    p.endMs = nextStart;
    nextStart = p.startMs ?? nextStart;
  }
  return out;
}

export async function importOtr(bytes: Uint8Array, fileName: string): Promise<ParsedSource> {
  const otr = Otr.safeParse(parseJson(canonicalText(decodeText(bytes, fileName)), fileName));
  if (!otr.success) throw invalid('import.otr-shape', { file: fileName });
  const lines = htmlLines(otr.data.text, fileName);
  const timestamps = lines.filter((l) => l.stampMs !== null).length;
  return timedSource(paragraphs(lines), 'otr', 'application/json', fileName, { timestamps });
}
