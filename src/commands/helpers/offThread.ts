import type { CommandContext, CommittedEvent } from './context.js';
import { BackgroundWorker, type Progress } from './worker.js';
import { type StoreAccess, storeAccess } from './workerStore.js';

/**
 * The commands long enough to run on a worker thread with a store connection of their own
 * (commandWorker.ts): a report of 200,000 quotes is hundreds of MB of objects whose garbage
 * collection held the server's event loop 60–80 ms at a time, and the COMMIT of a big subtitle
 * file's 230,000 turns held it over 100 ms on SQLite (issue 13). The server waits for the reply
 * without holding its event loop.
 */
export type OffThreadCommand = 'importSource' | 'buildReport';

/** What the worker runs: the command, its input, the store to open and who is acting. */
export interface CommandJob {
  command: OffThreadCommand;
  input: unknown;
  access: StoreAccess;
  context: Pick<CommandContext, 'actor' | 'account' | 'pseudonymSecret' | 'regexBudgetMs' | 'recordingLimitBytes'>;
}

/** The command's result, and the changes it committed, for this thread's live updates. */
export interface CommandDone {
  result: unknown;
  events: CommittedEvent[];
}

const runner = new BackgroundWorker<CommandJob, CommandDone>('commandWorker.js');

/** Whether `ctx`'s command may go to a worker: it is not on one already, and its store can be opened there. */
export const canRunOffThread = (ctx: CommandContext): boolean => !ctx.onWorkerThread && storeAccess(ctx.store) !== undefined;

/**
 * Runs `command` on the worker; a KodaError there is thrown here, and its committed changes are
 * told here. Buffers in `transfer` are moved to the worker, not copied (a structured copy of a
 * 20 MB file held the event loop 90 ms).
 */
export async function runOffThread<T>(
  ctx: CommandContext,
  command: OffThreadCommand,
  input: unknown,
  { progress, transfer = [] }: { progress?: Progress; transfer?: ArrayBuffer[] } = {},
): Promise<T> {
  const { actor, account, pseudonymSecret, regexBudgetMs, recordingLimitBytes } = ctx;
  const access = storeAccess(ctx.store);
  if (!access) throw new Error('this store cannot be opened on a worker thread');
  const job: CommandJob = {
    command,
    input,
    access,
    context: { actor, account, pseudonymSecret, regexBudgetMs, recordingLimitBytes },
  };
  const reply = await runner.run(job, transfer, progress);
  if ('crashed' in reply) throw new Error(`the worker running ${command} stopped`);
  for (const event of reply.ok.events) ctx.onCommitted?.(event);
  return reply.ok.result as T;
}
