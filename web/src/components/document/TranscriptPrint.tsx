import { useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { layOutTranscript } from '../../../../src/core/transcript/codedTranscript.js';
import type { DocSegment } from '../../api.js';
import { codeColor } from '../../codeColors.js';
import { useProject } from '../../project.js';
import '../../print.css';

/**
 * The whole coded transcript, drawn only while the page is printed: the document view draws the
 * visible part of its text alone (layout/virtual.ts), so printing it gave one broken page. On
 * `beforeprint` (Ctrl+P, the Print button) and whenever print media applies, this draws every
 * line of the text with its codes in the margin and a numbered mark where each segment opens and
 * closes (core/transcript/codedTranscript.ts, as the HTML export); print.css hides the rest.
 */
export function TranscriptPrint({ name, text, segments }: { name: string; text: string; segments: readonly DocSegment[] }) {
  const printing = usePrinting();
  return printing ? <PrintedTranscript name={name} text={text} segments={segments} /> : null;
}

/** Whether the page is being printed (or shown as print media). */
function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => globalThis.matchMedia?.('print').matches ?? false);
  useEffect(() => {
    // Drawn synchronously: the browser lays the page out for print right after these events.
    const on = () => flushSync(() => setPrinting(true));
    const off = () => setPrinting(false);
    const media = globalThis.matchMedia?.('print');
    const change = (e: MediaQueryListEvent) => (e.matches ? on() : off());
    window.addEventListener('beforeprint', on);
    window.addEventListener('afterprint', off);
    media?.addEventListener('change', change);
    return () => {
      window.removeEventListener('beforeprint', on);
      window.removeEventListener('afterprint', off);
      media?.removeEventListener('change', change);
    };
  }, []);
  return printing;
}

function PrintedTranscript({ name, text, segments }: { name: string; text: string; segments: readonly DocSegment[] }) {
  const { t } = useTranslation();
  const data = useProject();
  const { legend, blocks } = useMemo(() => {
    const used = new Set(segments.map((s) => s.code));
    const codes = data.flat
      .filter((f) => used.has(f.node.id))
      .map((f, i) => ({ id: f.node.id, number: i + 1, name: f.node.name }));
    const numberOf = new Map(codes.map((c) => [c.id, c.number]));
    const laid = layOutTranscript(
      text,
      segments.map((s) => ({ start: s.start, end: s.end, code: numberOf.get(s.code) ?? 0 })),
    );
    return { legend: codes, blocks: laid };
  }, [data.flat, segments, text]);
  const color = (n: number) => codeColor(data.flat, legend[n - 1]?.id ?? '');
  return (
    <section className="print-transcript" aria-label={t('quotesOut.printedFrom', { source: name })}>
      <h1>{name}</h1>
      <h2>{t('quotesOut.legend')}</h2>
      <ol className="print-legend">
        {legend.map((c) => (
          <li key={c.id} style={{ borderColor: color(c.number) }}>
            <b>{c.number}</b> {c.name}
          </li>
        ))}
      </ol>
      {blocks.map((b) => (
        <div className="print-line" key={b.start}>
          <p>
            {b.pieces.map((p, i) =>
              'text' in p ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: pieces are fixed for a block
                <span key={i}>{p.text}</span>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: pieces are fixed for a block
                <span key={i} className="print-mark" style={{ borderColor: color(p.code) }}>
                  {p.mark === 'open' ? `[${p.code}` : `${p.code}]`}
                </span>
              ),
            )}
          </p>
          <ul className="print-margin" aria-label={t('quotesOut.margin')}>
            {b.margin.map((n) => (
              <li key={n} style={{ borderColor: color(n) }}>
                <b>{n}</b> {legend[n - 1]?.name}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
