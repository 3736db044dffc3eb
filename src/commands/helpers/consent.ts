import type { CommandContext } from './context.js';

/** Names of the cases among `caseIds` that have no recorded consent. */
export async function casesWithoutConsent(ctx: CommandContext, caseIds: string[]): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const rows = await ctx.store.db
    .selectFrom('cases as c')
    .leftJoin('consent_records as r', 'r.case_id', 'c.id')
    .select(['c.name', 'r.id as consent'])
    .where('c.id', 'in', caseIds)
    .execute();
  return rows.filter((r) => !r.consent).map((r) => r.name);
}
