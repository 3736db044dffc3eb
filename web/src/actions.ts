import type { ChangeEvent, StaleKey } from '../../src/server/apiTypes.js';

export type { StaleKey };

/**
 * The server's declared actions (src/commands/actions.ts) as the browser uses them: what a live
 * event made stale, and each action's label. Views decide what to load again from `stale`
 * alone, never from an action's name.
 */

/** A change told by the server (`event: change` on /api/projects/:id/events). */
export interface LiveEvent extends Omit<ChangeEvent, 'action'> {
  /** null: changes missed during a break in the live updates (`missedChanges`). */
  action: ChangeEvent['action'] | null;
  /** Set here: the change was made by this tab (its result is already on screen). */
  own?: boolean;
}

/** Every kind of data; a record, so the compiler asks for a kind the server adds. */
const EVERY_KIND: Record<StaleKey, true> = {
  project: true,
  codebook: true,
  sources: true,
  texts: true,
  segments: true,
  coders: true,
  cases: true,
  attributes: true,
  consent: true,
  pseudonyms: true,
  memos: true,
  theory: true,
  sets: true,
  interviews: true,
  transcription: true,
};

/** What the views are told after a break in the live updates: anything may have changed meanwhile. */
export function missedChanges(): LiveEvent {
  return { projectId: null, action: null, stale: Object.keys(EVERY_KIND) as StaleKey[], objectIds: [] };
}

/** Whether the event made any of these kinds of data stale. */
export function touches(event: Pick<LiveEvent, 'stale'>, ...kinds: StaleKey[]): boolean {
  return kinds.some((k) => event.stale.includes(k));
}

/** Whether any of the events made one of these kinds stale. */
export function anyTouches(events: readonly Pick<LiveEvent, 'stale'>[], ...kinds: StaleKey[]): boolean {
  return events.some((e) => touches(e, ...kinds));
}

/**
 * What live events ask of a view showing one source: its text fetched again (rewritten, deleted,
 * turns relinked: an event naming it, or naming nothing), its segments (coding stale by an
 * event not this tab's that may concern the source), or nothing.
 */
export function sourceReload(
  events: readonly LiveEvent[],
  source: string,
  shown: ReadonlySet<string>,
  projectSources: ReadonlySet<string>,
): 'text' | 'segments' | null {
  if (events.some((e) => touches(e, 'texts') && (e.objectIds.length === 0 || e.objectIds.includes(source)))) return 'text';
  const coding = events.filter((e) => !e.own && touches(e, 'segments'));
  return coding.some((e) => mayConcernSource(e, source, shown, projectSources)) ? 'segments' : null;
}

/**
 * Whether an event may concern one source: it names the source or a segment shown of it, or it
 * names no source of the project at all (an undo names the rows it changed, blind mode the
 * project, auto-coding its code), so it may have touched any.
 */
function mayConcernSource(
  event: LiveEvent,
  source: string,
  shown: ReadonlySet<string>,
  projectSources: ReadonlySet<string>,
): boolean {
  const ids = event.objectIds;
  return ids.includes(source) || ids.some((id) => shown.has(id)) || !ids.some((id) => projectSources.has(id));
}

/** The message key of an action's label: the action's first dot becomes `_` (`actions.source_link-case`). */
export function actionLabelKey(action: string): string {
  return `actions.${action.replace('.', '_')}`;
}
