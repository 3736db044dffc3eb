import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { type ActionName, actionSpec, type Role } from '../commands/actions.js';
import { roleSuffices } from '../commands/helpers/members.js';
import { KodaError, notFound } from '../core/errors.js';

/**
 * Who may call a route, declared in its options (`config: { rule }`) and enforced by one hook:
 * - `public`: anyone (signing in, health);
 * - `signedIn`: any signed-in person (the project list, creating a project, store-wide tools);
 * - `read`: a project's viewer or more; `role`: at least that role (reads reserved to owners);
 * - `action`: the role the action registry (commands/actions.ts) gives that action; `when` picks
 *   another action by a query parameter (an export's format).
 * The project is the route's `:project`, or the `project` query parameter for `projectIn: 'query'`.
 */
export type Rule =
  | { public: true }
  | { signedIn: true }
  | ({ read: true } & ProjectIn)
  | ({ role: Role } & ProjectIn)
  | ({ action: ActionName; when?: { query: string; is: string; action: ActionName } } & ProjectIn);

interface ProjectIn {
  projectIn?: 'query';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    rule?: Rule;
  }
}

/**
 * Checks every request against its route's rule before its body is read: no session → 401
 * `auth.required`; a project the person is no member of → 404 `project.not-found`, the very answer
 * of a project that does not exist; a role below the rule → 403 `auth.role`. An API route that
 * declares no rule is a bug: it fails loudly (500) rather than open.
 */
export function guardAccess(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const url = req.routeOptions.url;
    if (url === undefined) return; // no such route: the not-found handler answers
    const rule = req.routeOptions.config.rule;
    if (!rule) {
      if (!url.startsWith('/api/')) return; // the UI's own files
      throw new Error(`The route ${req.method} ${url} declares no access rule (config.rule)`);
    }
    if ('public' in rule) return;
    if (!req.account) throw new KodaError('auth.required', {}, 'unauthenticated');
    if ('signedIn' in rule) return;
    const needed = neededRole(rule, req.query as Record<string, unknown>);
    const project = projectOf(rule, req);
    if (project === undefined) {
      // A project's tool asked of the whole store: only the laptop's person owns every project.
      if (req.account.kind !== 'local') throw new KodaError('auth.role', {}, 'forbidden');
      return;
    }
    if (!roleSuffices(roleOf(req, project), needed)) throw new KodaError('auth.role', {}, 'forbidden');
  });
}

/**
 * The person's role in `project`, found with their session (session.ts, `req.projectRole`): one
 * statement for both. No access is refused as no such project.
 */
function roleOf(req: FastifyRequest, project: string): Role {
  if (req.projectRole === undefined)
    throw new Error(`The session hook did not look up ${req.method} ${req.routeOptions.url}'s project`);
  if (req.projectRole === null) throw notFound('project.not-found', { project });
  return req.projectRole;
}

/** The project whose role a request's route rule checks (none for public and signed-in routes, or no rule). */
export function checkedProject(req: FastifyRequest): string | undefined {
  const rule = req.routeOptions.config.rule;
  if (!rule || 'public' in rule || 'signedIn' in rule) return undefined;
  return projectOf(rule, req);
}

/** The least role a rule asks for, given the request's query (the role of an action from the registry). */
export function neededRole(
  rule: Exclude<Rule, { public: true } | { signedIn: true }>,
  query: Record<string, unknown> = {},
): Role {
  if ('read' in rule) return 'viewer';
  if ('role' in rule) return rule.role;
  const action = rule.when && query[rule.when.query] === rule.when.is ? rule.when.action : rule.action;
  return actionSpec(action).role;
}

function projectOf(rule: ProjectIn, req: FastifyRequest): string | undefined {
  const from = rule.projectIn === 'query' ? req.query : req.params;
  const project = (from as { project?: unknown } | undefined)?.project;
  if (typeof project === 'string' && project !== '') return project;
  if (rule.projectIn === 'query') return undefined;
  throw new Error(`The route ${req.method} ${req.routeOptions.url} has a project rule but no :project`);
}

/** The OpenAPI document states each operation's rule (`x-koda-rule`), so the access test reads it there. */
export const documentRule: typeof jsonSchemaTransform = (input) => {
  const out = jsonSchemaTransform(input);
  const rule = (input.route.config as { rule?: Rule } | undefined)?.rule ?? null;
  return { ...out, schema: { ...out.schema, 'x-koda-rule': rule } };
};
