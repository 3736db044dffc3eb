import { useCallback, useEffect, useState } from 'react';
import type { TextOffsets } from '../../text/offsets.js';
import type { DocTextProps } from '../DocText.js';

/**
 * Where the text jumps: to the segment the address names (from the retrieval view), to a place
 * it names (a search hit) once the text is there to count in, or to a segment asked for by key.
 */
export function useJump(segment: string | null, at: { start: number; end: number } | null, offsets: TextOffsets | null) {
  const [jump, setJump] = useState<DocTextProps['jump']>(null);
  const jumpTo = useCallback((id: string) => setJump((j) => ({ id, n: (j?.n ?? 0) + 1 })), []);

  useEffect(() => {
    if (segment) jumpTo(segment);
  }, [segment, jumpTo]);

  const atStart = at?.start;
  const atEnd = at?.end;
  useEffect(() => {
    if (atStart === undefined || atEnd === undefined || !offsets) return;
    const range = offsets.rangeToUtf16({ start: Math.min(atStart, offsets.length), end: Math.min(atEnd, offsets.length) });
    setJump((j) => ({ range, n: (j?.n ?? 0) + 1 }));
  }, [atStart, atEnd, offsets]);

  return { jump, jumpTo };
}
