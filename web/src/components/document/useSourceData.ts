import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { sourceReload } from '../../actions.js';
import { ApiError, api, type DocSegment, type Source } from '../../api.js';
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
          // Gone under the view (deleted, withdrawn, its import undone): the view says so itself.
          if (!(textVersion > 0 && e instanceof ApiError && e.status === 404)) notify((e as Error).message, 'error');
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

  // Live: another tab's change to this text (rewritten, deleted, turns relinked) fetches it again;
  // one to coding that may concern it (in this source, merges, blind mode, undo) its segments.
  const { sources: projectSources } = data;
  const known = useMemo(() => new Set(projectSources.map((s) => s.id)), [projectSources]);
  const shown = useMemo(() => new Set(segments.map((s) => s.id)), [segments]);
  useEffect(
    () =>
      data.subscribe((events) => {
        const id = doc?.id;
        const reload = id ? sourceReload(events, id, shown, known) : null;
        if (reload === 'text') setTextVersion((v) => v + 1);
        else if (reload === 'segments') void loadSegments();
      }),
    [data, doc?.id, loadSegments, shown, known],
  );

  return { doc, missing, segments, setSegments };
}
