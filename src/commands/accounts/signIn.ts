import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { KodaError } from '../../core/errors.js';
import type { AccountRow } from '../../store/schema.js';
import { type CommandContext, runCommand, type SignedInAccount } from '../helpers/context.js';
import { dummyHash, verifyPassword } from '../helpers/passwords.js';
import { insertSession, signedIn } from '../helpers/sessions.js';
import { parseInput } from '../helpers/validate.js';

/** Consecutive failures after which a name is locked (ASVS V2.2.1). */
export const LOCK_AFTER = 5;
export const LOCK_MINUTES = 15;
const MAX_DELAY_MS = 2000;

/** How long a failed sign-in waits before it answers: 250 ms per failure in a row, at most 2 s. */
export const failureDelayMs = (failures: number): number => Math.min(250 * failures, MAX_DELAY_MS);

// Anything typed is checked against the hash (a too-short password is simply wrong); the cap
// keeps a huge body from costing hashing time.
export const Input = z.object({ name: z.string().max(1000), password: z.string().max(1024) });

export interface SignInOptions {
  /** How a failure waits before answering; tests pass one that records instead of sleeping. */
  wait?: (ms: number) => Promise<unknown>;
}

/**
 * Signs a person in with their password. A wrong password, an unknown name, a disabled account
 * and an account without a password all answer `auth.failed` after the same work (a hash is
 * checked either way), so the answer tells no one which names exist. After five failures in a
 * row the name is locked for 15 minutes, even for the right password. Unknown names are counted
 * the same way in memory, so a lock does not betray a name either. Audited, never the password.
 */
export async function signIn(
  ctx: CommandContext,
  input: z.input<typeof Input>,
  { wait = sleep }: SignInOptions = {},
): Promise<{ account: SignedInAccount; token: string }> {
  const { name, password } = parseInput(Input, input);
  const account = await ctx.store.db
    .selectFrom('accounts')
    .selectAll()
    .where('name', '=', name.trim())
    .where('kind', '=', 'password')
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  const matches = await verifyPassword(account?.password_hash ?? (await dummyHash()), password);
  const now = new Date();
  if (!account) {
    const failure = unknownNames.fail(name.trim(), now);
    await audit(ctx, [], failure);
    return refuse(failure, wait);
  }
  const locked = account.locked_until !== null && account.locked_until > now.toISOString();
  if (matches && !locked) return succeed(ctx, account);
  const failures = locked ? (account.failed_sign_ins ?? 0) : await recordFailure(ctx, account, now);
  if (locked) await audit(ctx, [account.id], { failures, locked });
  return refuse({ failures, locked }, wait);
}

interface Failure {
  /** Failures in a row, this one included. */
  failures: number;
  /** Whether the name was locked when the attempt came (then it is not counted). */
  locked: boolean;
}

async function succeed(ctx: CommandContext, account: AccountRow) {
  const person = signedIn(account);
  const token = await runCommand(
    { ...ctx, actor: person.name, account: person },
    { action: 'account.sign-in', projectId: null },
    async (w) => {
      await w.trx.updateTable('accounts').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', account.id).execute();
      return { result: await insertSession(w.trx, account.id), objectIds: [account.id], details: { method: 'password' } };
    },
  );
  return { account: person, token };
}

const lockEnd = (now: Date) => new Date(now.getTime() + LOCK_MINUTES * 60_000);

/** Counts a failure in a row, locking the account at the limit; returns the count. */
function recordFailure(ctx: CommandContext, account: AccountRow, now: Date): Promise<number> {
  // The attempt is not the account's own act: no actor id, the account among the objects.
  return runCommand(
    { ...ctx, actor: '-', account: undefined },
    { action: 'account.sign-in-failed', projectId: null },
    async (w) => {
      const row = await w.trx
        .selectFrom('accounts')
        .select('failed_sign_ins')
        .where('id', '=', account.id)
        .executeTakeFirstOrThrow();
      const failures = (row.failed_sign_ins ?? 0) + 1;
      const lockedUntil = failures >= LOCK_AFTER ? lockEnd(now).toISOString() : null;
      await w.trx
        .updateTable('accounts')
        .set({ failed_sign_ins: failures, locked_until: lockedUntil })
        .where('id', '=', account.id)
        .execute();
      return { result: failures, objectIds: [account.id], details: { failures, locked: false } };
    },
  );
}

function audit(ctx: CommandContext, objectIds: string[], details: Failure) {
  return runCommand(
    { ...ctx, actor: '-', account: undefined },
    { action: 'account.sign-in-failed', projectId: null },
    async () => ({
      result: null,
      objectIds,
      details: { ...details },
    }),
  );
}

async function refuse({ failures, locked }: Failure, wait: (ms: number) => Promise<unknown>): Promise<never> {
  await wait(failureDelayMs(failures));
  throw new KodaError(locked ? 'auth.locked' : 'auth.failed', { minutes: LOCK_MINUTES }, 'forbidden');
}

/**
 * Failures of names no account has, kept in memory (never in the store: a name typed there may be
 * a password typed in the wrong field). Bounded: the oldest name goes first.
 */
class UnknownNameFailures {
  private readonly names = new Map<string, { failures: number; lockedUntil: number }>();

  fail(name: string, now: Date): Failure {
    const seen = this.names.get(name) ?? { failures: 0, lockedUntil: 0 };
    if (seen.lockedUntil > now.getTime()) return { failures: seen.failures, locked: true };
    const failures = seen.failures + 1;
    this.names.delete(name);
    this.names.set(name, { failures, lockedUntil: failures >= LOCK_AFTER ? lockEnd(now).getTime() : 0 });
    if (this.names.size > 10_000) this.names.delete(this.names.keys().next().value as string);
    return { failures, locked: false };
  }
}

const unknownNames = new UnknownNameFailures();
