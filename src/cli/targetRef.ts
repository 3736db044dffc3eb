import { invalid } from '../core/errors.js';

/**
 * `--on` and link targets as the CLI takes them: `KIND:REF` (`code:Hinder/media`,
 * `segment:01J…`), or a bare `project`. Split at the first colon, so a name may hold colons.
 */
export function parseTargetRef<K extends string>(
  value: string,
  kinds: readonly K[],
  error: 'memo.on-unknown' | 'concept.on-unknown',
): { target: K; on?: string } {
  const at = value.indexOf(':');
  const kind = (at < 0 ? value : value.slice(0, at)).trim().toLowerCase();
  const ref = at < 0 ? undefined : value.slice(at + 1).trim();
  const target = kinds.find((k) => k === kind);
  if (!target || (target !== 'project' && !ref)) throw invalid(error, { on: value });
  return ref ? { target, on: ref } : { target };
}
