import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { StoreState } from '../../src/server/apiTypes.js';
import { type LiveEvent, missedChanges, touches } from './actions.js';
import {
  type Attribute,
  api,
  type Case,
  type CodeNode,
  type FlatCode,
  flattenCodebook,
  type Project,
  type SourceSummary,
} from './api.js';
import { useUi } from './ui.js';

export type { LiveEvent };

/** A member's role in a project; null for the CLI's operator, who has none and may do anything. */
export type ProjectRole = Project['role'];

export interface ProjectData {
  project: string;
  /** The signed-in person's role here; undefined when it could not be read (then nothing is offered to change). */
  role: ProjectRole | undefined;
  /** The coder named in the top bar ('' for the server's user): whose layer this tab codes in and sees. */
  coder: string;
  codebook: CodeNode[];
  flat: FlatCode[];
  codeById: Map<string, FlatCode>;
  sources: SourceSummary[];
  attributes: Attribute[];
  cases: Case[];
  loaded: boolean;
  live: boolean;
  /** Whether the server reaches its database's change feed (false: others' changes are not arriving). */
  storeOnline: boolean;
  /** The code selected in the codebook: its segments are highlighted more strongly. */
  activeCode: string | null;
  setActiveCode(id: string | null): void;
  /** The code applied last (the `r` shortcut), remembered per project. */
  lastCode: string | null;
  setLastCode(id: string): void;
  reload(parts?: Part[]): Promise<void>;
  /** Runs a change made in this tab; the ids it returns mark the live event it causes as own. */
  mutate<T>(fn: () => Promise<T>, ownIds?: (result: T) => string[]): Promise<T | undefined>;
  /** Listens to live events (after the project's lists are reloaded). */
  subscribe(listener: (events: LiveEvent[]) => void): () => void;
}

type Part = 'codebook' | 'sources' | 'cases';

const Context = createContext<ProjectData | null>(null);

/** The project's lists an event leaves stale: each by the kinds of data it shows (counts included). */
function partsFor(event: LiveEvent): Part[] {
  const parts: Part[] = [];
  if (touches(event, 'codebook', 'segments')) parts.push('codebook');
  if (touches(event, 'sources', 'segments', 'cases')) parts.push('sources');
  if (touches(event, 'cases', 'attributes', 'sources', 'texts')) parts.push('cases');
  return parts;
}

export function ProjectProvider({
  project,
  role,
  coder = '',
  children,
}: {
  project: string;
  role: ProjectRole | undefined;
  coder?: string;
  children: ReactNode;
}) {
  const { run } = useUi();
  const [codebook, setCodebook] = useState<CodeNode[]>([]);
  const [sources, setSources] = useState<SourceSummary[]>([]);
  const [caseData, setCaseData] = useState<{ attributes: Attribute[]; cases: Case[] }>({ attributes: [], cases: [] });
  const [loaded, setLoaded] = useState(false);
  const [live, setLive] = useState(false);
  const [storeOnline, setStoreOnline] = useState(true);
  const [activeCode, setActiveCode] = useState<string | null>(null);
  const lastKey = `koda.lastCode.${project}`;
  const [lastCode, setLast] = useState<string | null>(() => localStorage.getItem(lastKey));
  const listeners = useRef(new Set<(events: LiveEvent[]) => void>());
  const ownIds = useRef(new Set<string>());
  const inFlight = useRef(0);

  const reload = useCallback(
    async (parts: Part[] = ['codebook', 'sources', 'cases']) => {
      await run(async () => {
        const [cb, src, cs] = await Promise.all([
          parts.includes('codebook') ? api.codebook(project) : null,
          parts.includes('sources') ? api.sources(project) : null,
          parts.includes('cases') ? api.cases(project) : null,
        ]);
        if (cb) setCodebook(cb);
        if (src) setSources(src);
        if (cs) setCaseData(cs);
      });
      setLoaded(true);
    },
    [project, run],
  );

  useEffect(() => {
    setLoaded(false);
    setActiveCode(null);
    void reload();
  }, [reload]);

  // Live updates: changes are gathered for a moment (and until this tab's own requests have
  // answered, so their results are known), then the lists they touch are reloaded once.
  useEffect(() => {
    let queue: LiveEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasOpen = false;
    const flush = async () => {
      timer = undefined;
      if (inFlight.current > 0) {
        timer = setTimeout(flush, 50);
        return;
      }
      const events = queue;
      queue = [];
      for (const e of events) {
        const first = e.objectIds[0];
        if (touches(e, 'segments') && first && ownIds.current.delete(first)) e.own = true;
      }
      const parts = [...new Set(events.flatMap(partsFor))];
      if (parts.length > 0) await reload(parts);
      for (const l of listeners.current) l(events);
    };
    const source = new EventSource(api.eventsUrl(project));
    source.addEventListener('change', (msg) => {
      queue.push(JSON.parse((msg as MessageEvent<string>).data) as LiveEvent);
      timer ??= setTimeout(flush, 60);
    });
    // The server lost its database or has it back; back, it sends a change making everything stale.
    source.addEventListener('store', (msg) => {
      setStoreOnline((JSON.parse((msg as MessageEvent<string>).data) as StoreState).online);
    });
    source.onopen = () => {
      setLive(true);
      setStoreOnline(true); // a new stream says at once if the store is away
      // Back after a break: whatever changed meanwhile was not told, so reload all.
      if (wasOpen) {
        void reload();
        for (const l of listeners.current) l([missedChanges()]);
      }
      wasOpen = true;
    };
    source.onerror = () => setLive(false);
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [project, reload]);

  const mutate = useCallback(
    async <T,>(fn: () => Promise<T>, own?: (result: T) => string[]) => {
      inFlight.current++;
      try {
        const result = await run(fn);
        if (result !== undefined && own) for (const id of own(result)) ownIds.current.add(id);
        return result;
      } finally {
        inFlight.current--;
      }
    },
    [run],
  );

  const subscribe = useCallback((listener: (events: LiveEvent[]) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  const setLastCode = useCallback(
    (id: string) => {
      setLast(id);
      localStorage.setItem(lastKey, id);
    },
    [lastKey],
  );

  const flat = useMemo(() => flattenCodebook(codebook), [codebook]);
  const codeById = useMemo(() => new Map(flat.map((f) => [f.node.id, f])), [flat]);
  const value = useMemo<ProjectData>(() => {
    return {
      project,
      role,
      coder,
      codebook,
      flat,
      codeById,
      sources,
      attributes: caseData.attributes,
      cases: caseData.cases,
      loaded,
      live,
      storeOnline,
      activeCode,
      setActiveCode,
      lastCode: lastCode && flat.some((f) => f.node.id === lastCode) ? lastCode : null,
      setLastCode,
      reload,
      mutate,
      subscribe,
    };
  }, [
    project,
    role,
    coder,
    codebook,
    flat,
    codeById,
    sources,
    caseData,
    loaded,
    live,
    storeOnline,
    activeCode,
    lastCode,
    setLastCode,
    reload,
    mutate,
    subscribe,
  ]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useProject(): ProjectData {
  const p = useContext(Context);
  if (!p) throw new Error('useProject outside ProjectProvider');
  return p;
}

/**
 * The project a URL names (by id or by name): undefined while it is looked up, null when there
 * is no such project, 'unknown' when the list could not be read (the error is shown already).
 */
export function useProjectSummary(ref: string | null): Project | null | 'unknown' | undefined {
  const { run } = useUi();
  const [found, setFound] = useState<{ ref: string; project: Project | null | 'unknown' } | null>(null);
  useEffect(() => {
    if (ref === null) return;
    let current = true;
    void run(api.projects).then((list) => {
      if (current) setFound({ ref, project: list ? (list.find((p) => p.id === ref || p.name === ref) ?? null) : 'unknown' });
    });
    return () => {
      current = false;
    };
  }, [ref, run]);
  return ref !== null && found?.ref === ref ? found.project : undefined;
}

/** Each role may what the ones before it may. */
const ROLE_ORDER = ['viewer', 'coder', 'owner'] as const;

/**
 * Whether the signed-in person holds at least `least`, the role src/commands/actions.ts declares
 * for the change a control makes (the CLI's operator has no role and may). Write controls are
 * shown only then; the server enforces the same rule.
 */
export function useMay(least: 'coder' | 'owner'): boolean {
  const { role } = useProject();
  if (role === undefined) return false;
  return role === null || ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(least);
}

/** Whether the signed-in person may change the project's coding and analysis (owner or coder). */
export function useCanCode(): boolean {
  return useMay('coder');
}
