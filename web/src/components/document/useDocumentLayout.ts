import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocSegment, Source } from '../../api.js';
import { codeColor } from '../../codeColors.js';
import { layoutBlocks, type TurnMark } from '../../layout/blocks.js';
import { layoutRuns } from '../../layout/runs.js';
import { assignLanes } from '../../layout/virtual.js';
import { useProject } from '../../project.js';
import { TextOffsets } from '../../text/offsets.js';
import type { SpanInfo } from '../DocText.js';

/**
 * What the text is drawn from: offsets, turns and blocks of the source; runs, lanes and spans of
 * the segments shown (all, or one coder's).
 */
export function useDocumentLayout(doc: Source | null, shownSegments: DocSegment[]) {
  const { t } = useTranslation();
  const data = useProject();
  const offsets = useMemo(() => (doc ? new TextOffsets(doc.text) : null), [doc]);
  const turns = useMemo<TurnMark[]>(
    () =>
      doc && offsets
        ? doc.turns.map((tu) => ({
            start: offsets.toUtf16(tu.start),
            speaker: tu.speaker,
            startMs: tu.startMs,
            endMs: tu.endMs,
            case: tu.case && tu.case !== doc.case?.name ? tu.case : null,
          }))
        : [],
    [doc, offsets],
  );
  const blocks = useMemo(() => (doc ? layoutBlocks(doc.text, turns) : []), [doc, turns]);

  // The active code's branch, for the stronger highlight.
  const activeBranch = useMemo(() => {
    const out = new Set<string>();
    const root = data.activeCode ? data.codeById.get(data.activeCode) : undefined;
    if (!root) return out;
    const walk = (n: typeof root.node) => {
      out.add(n.id);
      n.children.forEach(walk);
    };
    walk(root.node);
    return out;
  }, [data.activeCode, data.codeById]);

  // Geometry (runs, lanes) depends on the segments only; colours and the active code are
  // looked up per segment on top, so choosing a code in the codebook does not lay out again.
  const geometry = useMemo(() => {
    if (!offsets || !doc) return null;
    const list = shownSegments.map((s) => ({ id: s.id, ...offsets.rangeToUtf16(s) }));
    const runs = layoutRuns(doc.text.length, list);
    const { lanes, count } = assignLanes(list);
    performance.mark('koda:doc-layout');
    return { runs, lanes, laneCount: count, ordered: list };
  }, [offsets, doc, shownSegments]);

  const layout = useMemo(() => {
    if (!geometry) return null;
    const spans = new Map<string, SpanInfo>();
    // Thousands of segments share a few codes and coders: each colour and label is made once
    // (translating a label per segment was a tenth of the first paint of 10,000 highlights).
    const looks = new Map<string, { color: string; label: string }>();
    const lookOf = (code: string, coder: string) => {
      const key = `${code}\u0000${coder}`;
      let look = looks.get(key);
      if (!look) {
        const name = data.codeById.get(code)?.node.name ?? '';
        look = { color: codeColor(data.flat, code), label: t('doc.stripe', { code: name, coder }) };
        looks.set(key, look);
      }
      return look;
    };
    shownSegments.forEach((s, i) => {
      const g = geometry.ordered[i] as { start: number; end: number };
      spans.set(s.id, { id: s.id, start: g.start, end: g.end, active: activeBranch.has(s.code), ...lookOf(s.code, s.coder) });
    });
    return { ...geometry, spans };
  }, [geometry, shownSegments, data.codeById, data.flat, activeBranch, t]);

  return { offsets, turns, blocks, layout };
}
