import type { CommandContext } from '../helpers/context.js';

/** Every account, without its secrets: name, kind, email, and whether it is disabled or locked. */
export async function listAccounts(ctx: CommandContext) {
  const rows = await ctx.store.db
    .selectFrom('accounts')
    .select(['id', 'name', 'kind', 'email', 'disabled_at', 'locked_until', 'created_at'])
    .orderBy('name')
    .execute();
  const now = new Date().toISOString();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    email: r.email,
    disabled: r.disabled_at !== null,
    locked: r.locked_until !== null && r.locked_until > now,
    createdAt: r.created_at,
  }));
}
