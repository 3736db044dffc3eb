import { useCallback, useEffect, useState } from 'react';
import { anyTouches } from '../actions.js';
import { type Concept, memosApi } from '../memosApi.js';
import { useProject } from '../project.js';
import { useUi } from '../ui.js';

/** The project's theory concepts with their links, loaded again when theory, coding, codes or memos change. */
export function useConcepts() {
  const data = useProject();
  const { run } = useUi();
  const [concepts, setConcepts] = useState<Concept[] | null>(null);
  const load = useCallback(async () => {
    const r = await run(() => memosApi.concepts(data.project));
    if (r) setConcepts(r);
  }, [run, data.project]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () =>
      data.subscribe(
        (events) => anyTouches(events, 'theory', 'codebook', 'segments', 'memos', 'sources', 'cases') && void load(),
      ),
    [data, load],
  );
  return concepts;
}
