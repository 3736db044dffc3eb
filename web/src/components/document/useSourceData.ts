import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type DocSegment, type Source } from '../../api.js';
import { useProject } from '../../project.js';
import { useUi } from '../../ui.js';

/** Segments in reading order (start, then longer first). */
export function byPosition(a: DocSegment, b: DocSegment) {
  return a.start - b.start || b.end - a.end;
}

/**
 * A source and its segments, loaded and kept live: fetched again when the text is rewritten
 * (pseudonyms applied), when the acting coder changes, and when another tab's change touches them.
 */
export function useSourceData(source: string) {
  const data = useProject();
  const { notify, run } = useUi();
  const [doc, setDoc] = useState<Source | null>(null);
  const [missing, setMissing] = useState(false);
  const [segments, setSegments] = useState<DocSegment[]>([]);

  const loadSegments = useCallback(async () => {
    const list = await run(() => api.sourceSegments(data.project, source));
    if (list) setSegments(list.sort(byPosition));
  }, [data.project, source, run]);

  // A text rewritten under the view (pseudonyms applied) is fetched again, with its segments.
  const [textVersion, setTextVersion] = useState(0);
  useEffect(() => {
    let stale = false;
    void textVersion;
    setDoc(null);
    void (async () => {
      try {
        const [d, list] = await Promise.all([api.source(data.project, source), api.sourceSegments(data.project, source)]);
        if (stale) return;
        performance.mark('koda:doc-data');
        setSegments(list.sort(byPosition));
        setDoc(d);
      } catch (e) {
        if (!stale) {
          setMissing(true);
          notify((e as Error).message, 'error');
        }
      }
    })();
    return () => {
      stale = true;
    };
  }, [data.project, source, notify, textVersion]);

  // Another coder named in the top bar (or blind mode switched): the layers this tab may see change.
  const { coder: actingCoder } = data;
  const firstCoder = useRef(actingCoder);
  useEffect(() => {
    if (firstCoder.current === actingCoder) return;
    firstCoder.current = actingCoder;
    const timer = setTimeout(() => void loadSegments(), 350);
    return () => clearTimeout(timer);
  }, [actingCoder, loadSegments]);

  // Live: another tab's coding in this source, merges, deletions, undo: fetch the segments again.
  useEffect(
    () =>
      data.subscribe((events) => {
        const id = doc?.id;
        if (
          id &&
          events.some((e) => (e.action === 'source.delete' || e.action === 'case.withdraw') && e.objectIds.includes(id))
        ) {
          setMissing(true);
          return;
        }
        if (id && events.some((e) => e.action === 'pseudonym.apply' && e.objectIds.includes(id))) {
          setTextVersion((v) => v + 1);
          return;
        }
        const relevant = events.some(
          (e) =>
            !e.own &&
            (e.action.startsWith('history.') ||
              e.action === 'code.merge' ||
              e.action === 'code.delete' ||
              e.action === 'project.blind' ||
              e.action === 'project.reveal' ||
              e.action === 'coders.merge' ||
              (e.action === 'consensus.accept' && id !== undefined && e.objectIds.includes(id)) ||
              (e.action.startsWith('segment.') && id !== undefined && e.objectIds.includes(id)) ||
              (e.action.startsWith('segment.') && e.objectIds.some((o) => segments.some((s) => s.id === o)))),
        );
        if (relevant) void loadSegments();
      }),
    [data, doc?.id, loadSegments, segments],
  );

  return { doc, missing, segments, setSegments };
}
