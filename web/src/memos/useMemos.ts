import { useCallback, useEffect, useState } from 'react';
import { anyTouches } from '../actions.js';
import { type MemoItem, type MemoTarget, memosApi } from '../memosApi.js';
import { useProject } from '../project.js';
import { useUi } from '../ui.js';

/**
 * The project's memos matching a filter, loaded again when memos (or what they are on, or the
 * theory linked to them) change, here or elsewhere. `null` until the first answer.
 */
export function useMemos(filter: { target?: MemoTarget; on?: string; q?: string }) {
  const data = useProject();
  const { run } = useUi();
  const [memos, setMemos] = useState<MemoItem[] | null>(null);
  const { target, on, q } = filter;
  const load = useCallback(async () => {
    const r = await run(() => memosApi.list(data.project, { target, on, q }));
    if (r) setMemos(r);
  }, [run, data.project, target, on, q]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () =>
      data.subscribe(
        (events) => anyTouches(events, 'memos', 'theory', 'segments', 'codebook', 'sources', 'cases') && void load(),
      ),
    [data, load],
  );
  return { memos, reload: load };
}
