import { EventEmitter } from 'node:events';
import type { FastifyReply } from 'fastify';
import type { CommittedEvent } from '../commands/helpers/context.js';

/**
 * Live updates: every committed change is told to the browsers watching its project as a
 * server-sent event, so two tabs see each other's coding within a moment. One process only:
 * several servers on one PostgreSQL will relay through the database (not built yet).
 */
export class ProjectEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish = (event: CommittedEvent): void => {
    if (event.projectId) this.emitter.emit(event.projectId, event);
  };

  /** Streams a project's events to one client until it disconnects. */
  stream(projectId: string, reply: FastifyReply): void {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const send = (event: CommittedEvent) => res.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    this.emitter.on(projectId, send);
    res.on('close', () => {
      clearInterval(ping);
      this.emitter.off(projectId, send);
    });
  }
}
