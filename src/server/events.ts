import { EventEmitter } from 'node:events';
import type { FastifyReply } from 'fastify';
import { isActionName, STALE_KEYS } from '../commands/actions.js';
import type { CommittedEvent } from '../commands/helpers/context.js';

/** Whether the server follows the store's changes (`event: store` on the events stream). */
export interface StoreState {
  online: boolean;
}

/**
 * Told after the store's feed was away: changes made meanwhile were not told, so anything may be
 * stale. Its action is null, as the browser's own after a break in the stream.
 */
export interface CatchUpEvent extends Omit<CommittedEvent, 'action'> {
  action: null;
}

/** The emitter's event of the store's state, told to every stream whatever its project. */
const STORE_STATE = Symbol('store-state');

/**
 * Live updates: every committed change is told to the browsers watching its project as a
 * server-sent event, so two tabs see each other's coding within a moment. On SQLite the changes
 * are this process's, published as they commit; on PostgreSQL every change, this server's own
 * too, comes through the database's feed (store/changeFeed.ts) and is relayed once, whichever
 * Koda process made it.
 */
export class ProjectEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private storeOnline = true;
  private readonly open = new Set<() => void>();

  publish = (event: CommittedEvent): void => {
    if (event.projectId) this.emitter.emit(event.projectId, event);
  };

  /** A change from the database's feed: relayed when it is a change as Koda tells them. */
  relay = (event: unknown): void => {
    if (isCommittedEvent(event)) this.publish(event);
  };

  /** The feed lost its connection or is back; on return every view is told to catch up. */
  storeState = ({ online }: StoreState): void => {
    if (online === this.storeOnline) return;
    this.storeOnline = online;
    this.emitter.emit(STORE_STATE, online);
  };

  /**
   * Streams a project's events to one client until it disconnects. Someone who may not see every
   * coding layer (blind mode: a coder, a viewer) is told what became stale but no ids: another
   * coder's segment ids would tell them what was coded where. Whether they may is asked again
   * when the project's settings change (blind mode, reveal, their role).
   */
  stream(projectId: string, reply: FastifyReply, seesAllLayers: () => Promise<boolean> = async () => true): void {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    let sees: Promise<boolean> | null = null;
    let told = Promise.resolve();
    const write = (event: CommittedEvent | CatchUpEvent) => res.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
    // In order, each after the question before it is answered.
    const send = (event: CommittedEvent | CatchUpEvent) => {
      if (sees === null || event.stale.includes('project')) sees = seesAllLayers().catch(() => false);
      const asked = sees;
      told = told.then(async () => {
        write((await asked) ? event : withoutIds(event));
      });
    };
    const sendState = (online: boolean) => {
      res.write(`event: store\ndata: ${JSON.stringify({ online } satisfies StoreState)}\n\n`);
      if (online) send(catchUp(projectId));
    };
    if (!this.storeOnline) sendState(false);
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    this.emitter.on(projectId, send);
    this.emitter.on(STORE_STATE, sendState);
    const end = () => res.end();
    this.open.add(end);
    res.on('close', () => {
      clearInterval(ping);
      this.emitter.off(projectId, send);
      this.emitter.off(STORE_STATE, sendState);
      this.open.delete(end);
    });
  }

  /** Ends every stream, so the server can stop; a browser reconnects (to another server, maybe). */
  close(): void {
    for (const end of this.open) end();
  }
}

/** An event without the ids of what it touched: the views reload whatever of its stale kinds they show. */
function withoutIds<E extends CommittedEvent | CatchUpEvent>(event: E): E {
  return event.objectIds.length === 0 ? event : { ...event, objectIds: [], objectIdsOmitted: true };
}

function catchUp(projectId: string): CatchUpEvent {
  return { projectId, action: null, stale: [...STALE_KEYS], objectIds: [] };
}

/** Anyone with the database may NOTIFY on the channel: only a well-formed change is relayed. */
function isCommittedEvent(value: unknown): value is CommittedEvent {
  const e = value as Partial<CommittedEvent> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    (typeof e.projectId === 'string' || e.projectId === null) &&
    typeof e.action === 'string' &&
    isActionName(e.action) &&
    Array.isArray(e.stale) &&
    e.stale.every((k) => (STALE_KEYS as readonly string[]).includes(k)) &&
    Array.isArray(e.objectIds) &&
    e.objectIds.every((id) => typeof id === 'string')
  );
}
