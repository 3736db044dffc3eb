import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import { blockText, layOutTranscript, type TranscriptSegment } from '../../src/core/transcript/codedTranscript.js';

const TEXT = 'I: Hur är det? 😀\n\nAlbin: Media ger en skev bild 👩🏽‍🔬 av området.\nKristin: Jag håller med.';

describe('layOutTranscript', () => {
  it('gives each non-blank line with its codes in the margin and a mark where each segment opens and closes', () => {
    const index = new CodePointIndex(TEXT);
    const at = (words: string) => index.toCodePoint(TEXT.indexOf(words));
    const blocks = layOutTranscript(TEXT, [
      { start: at('Media'), end: at(' av området'), code: 1 },
      { start: at('skev'), end: at('Jag') + 3, code: 2 },
    ]);
    expect(blocks.map(blockText)).toEqual([
      'I: Hur är det? 😀',
      'Albin: Media ger en skev bild 👩🏽‍🔬 av området.',
      'Kristin: Jag håller med.',
    ]);
    expect(blocks.map((b) => b.margin)).toEqual([[], [1, 2], [2]]);
    expect(blocks[1]?.pieces).toEqual([
      { text: 'Albin: ' },
      { mark: 'open', code: 1 },
      { text: 'Media ger en ' },
      { mark: 'open', code: 2 },
      { text: 'skev bild 👩🏽‍🔬' },
      { mark: 'close', code: 1 },
      { text: ' av området.' },
    ]);
    expect(blocks[2]?.pieces.slice(0, 3)).toEqual([
      { text: 'Kristin: Jag' },
      { mark: 'close', code: 2 },
      { text: ' håller med.' },
    ]);
    // Places are code points: the emoji of the first line is one.
    expect(blocks[0]).toMatchObject({ start: 0, end: [...'I: Hur är det? 😀'].length });
  });

  it('closes a segment that ends on a line break at that line’s end, not on the next line', () => {
    const text = 'ett två\ntre';
    const blocks = layOutTranscript(text, [{ start: 0, end: 8, code: 1 }]);
    expect(blocks.map((b) => b.margin)).toEqual([[1], []]);
    expect(blocks[0]?.pieces.at(-1)).toEqual({ mark: 'close', code: 1 });
  });

  it('on any text and segments: the lines are whole, each mark is placed once, and a segment’s marks enclose its words', () => {
    const char = fc.constantFrom('a', 'b', ' ', '\n', '😀', 'é', '👩🏽‍🔬');
    fc.assert(
      fc.property(
        fc.array(char, { minLength: 1, maxLength: 60 }).chain((chars) => {
          const text = chars.join('');
          const length = [...text].length;
          const span = fc
            .tuple(fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: length }))
            .filter(([a, b]) => a !== b)
            .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
          return fc.tuple(fc.constant(text), fc.array(span, { maxLength: 8 }));
        }),
        ([text, spans]) => {
          const segments: TranscriptSegment[] = spans.map((s, i) => ({ ...s, code: i + 1 }));
          const blocks = layOutTranscript(text, segments);
          const lines = text.split('\n');
          // Every line with text is a block, whole and in order.
          expect(blocks.map(blockText).filter((b) => b.trim() !== '')).toEqual(lines.filter((l) => l.trim() !== ''));
          // Read back, the marks enclose exactly each segment's words (blank lines and spaces aside).
          let flat = '';
          const opened = new Map<number, number>();
          const words = new Map<number, string>();
          for (const b of blocks) {
            for (const p of b.pieces) {
              if ('text' in p) flat += p.text;
              else if (p.mark === 'open') opened.set(p.code, flat.length);
              else words.set(p.code, flat.slice(opened.get(p.code)));
            }
            flat += '\n';
          }
          const index = new CodePointIndex(text);
          for (const s of segments) {
            expect(words.get(s.code)?.replace(/\s/g, ''), `segment ${s.code}`).toBe(
              index.slice(s.start, s.end).replace(/\s/g, ''),
            );
            // A segment with words on a line is in that line's margin.
            for (const b of blocks)
              if (s.start < b.end && s.end > b.start) expect(b.margin, `segment ${s.code} beside ${b.start}`).toContain(s.code);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
