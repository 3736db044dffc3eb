import { useCallback, useState } from 'react';

/**
 * State that outlives its view within the tab: the query forms and their results are still
 * there after "Show in context" and Back. Kept in memory only (never in storage: results quote
 * participants).
 */
const memory = new Map<string, unknown>();

export function useRemembered<T>(key: string, initial: T): [T, (next: T | ((old: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => (memory.has(key) ? (memory.get(key) as T) : initial));
  const set = useCallback(
    (next: T | ((old: T) => T)) =>
      setValue((old) => {
        const v = typeof next === 'function' ? (next as (old: T) => T)(old) : next;
        memory.set(key, v);
        return v;
      }),
    [key],
  );
  return [value, set];
}
