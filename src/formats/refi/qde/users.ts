import { CONSENSUS_ID } from '../plan.js';
import { childOf, childrenOf } from '../xml.js';
import type { PlanContext } from './context.js';
import { normalizeGuid } from './guids.js';
import { freeName, sameExactly } from './values.js';

/** `<Users>`: each user becomes a coder (a consensus layer when Koda exported it as one). */
export function readUsers(ctx: PlanContext): void {
  for (const u of childrenOf(childOf(ctx.root, 'Users'), 'User')) {
    const guid = normalizeGuid(u.attrs.guid) as string;
    const name = (u.attrs.name ?? '').trim() || (u.attrs.id ?? '').trim() || `${ctx.words.user} ${guid.slice(0, 8)}`;
    addUser(ctx, guid, name.slice(0, 200), u.attrs.id === CONSENSUS_ID);
  }
}

/** The coder a `creatingUser` names; a GUID the file does not list becomes a coder of its own. */
export function coderOf(ctx: PlanContext, raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  const guid = normalizeGuid(raw);
  if (!guid) return null;
  if (ctx.userGuids.has(guid)) return guid;
  const known = ctx.registry.get(guid);
  if (known && known.kind !== 'User') return null;
  ctx.summary.add('unknown-users', guid);
  addUser(ctx, guid, `${ctx.words.user} ${guid.slice(0, 8)}`);
  return guid;
}

function addUser(ctx: PlanContext, guid: string, wanted: string, consensus = false): void {
  ctx.userGuids.add(guid);
  ctx.users.push({
    guid,
    name: freeName(
      wanted,
      ctx.users.map((u) => u.name),
      sameExactly,
    ),
    consensus,
  });
}
