import { useCallback, useEffect, useState } from 'react';
import { touches } from '../actions.js';
import { useProject } from '../project.js';
import { type SetSummary, setsApi } from '../setsApi.js';
import { useUi } from '../ui.js';

/** The project's sets, loaded again when a change makes sets or cases stale (a rule set follows its cases). */
export function useSets(): { sets: SetSummary[]; reload: () => Promise<void> } {
  const data = useProject();
  const { run } = useUi();
  const [sets, setSets] = useState<SetSummary[]>([]);
  const reload = useCallback(async () => {
    const r = await run(() => setsApi.list(data.project));
    if (r) setSets(r.sets);
  }, [data.project, run]);
  useEffect(() => {
    void reload();
    return data.subscribe((events) => {
      if (events.some((e) => touches(e, 'sets', 'cases', 'attributes', 'sources'))) void reload();
    });
  }, [reload, data.subscribe]);
  return { sets, reload };
}
