import { useCallback, useEffect, useState } from 'react';
import { codingQueryApi, type SmartCode } from '../codingQueryApi.js';
import { useProject } from '../project.js';

/**
 * The project's smart codes with their hit counts; null until read, and [] when the server has
 * none to give. A smart code is evaluated live, so any change may move its count: every live
 * event reloads the list.
 */
export function useSmartCodes(): [SmartCode[] | null, () => Promise<void>] {
  const data = useProject();
  const [list, setList] = useState<SmartCode[] | null>(null);
  const load = useCallback(async () => {
    // Quietly: a list beside the codebook must not raise an error notice on every page.
    const r = await codingQueryApi.smartCodes(data.project).catch(() => null);
    setList(r?.smartCodes ?? []);
  }, [data.project]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => data.subscribe(() => void load()), [data, load]);
  return [list, load];
}
