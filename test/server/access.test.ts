import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionSpec, type Role } from '../../src/commands/actions.js';
import { createProject } from '../../src/commands/createProject.js';
import { roleSuffices } from '../../src/commands/helpers/members.js';
import type { Rule } from '../../src/server/access.js';
import { buildServer } from '../../src/server/app.js';
import type { Store } from '../../src/store/db.js';
import { inject, signedIn, tempContext } from '../helpers.js';

/**
 * Every route of the OpenAPI document, called as each kind of person: the answer must be the
 * access rule's (401 without a session, 404 `project.not-found` outside the project, 403
 * `auth.role` below the role) and, where the role suffices, anything but those. A 400 for the
 * empty body or a 404 for the made-up source id comes after the access check, so it proves access
 * passed. The role of an action-rule is read from the action registry, not restated here.
 */

type Person = 'unauthenticated' | 'no access' | Role;
const PEOPLE: Person[] = ['unauthenticated', 'no access', 'viewer', 'coder', 'owner'];
const DENIALS = new Set(['auth.required', 'project.not-found', 'auth.role']);

interface Operation {
  method: string;
  path: string;
  rule: Rule | null;
  query?: Record<string, string>;
}

let app: FastifyInstance;
let store: Store;
let cleanup: () => Promise<void>;
const cookies = new Map<Person, string>();

beforeAll(async () => {
  const env = await tempContext('operator');
  ({ store, cleanup } = env);
  await createProject(env.ctx, { name: 'Studie' });
  app = await buildServer(env.ctx, { language: 'en' });
  cookies.set('unauthenticated', '');
  cookies.set('no access', (await signedIn(app, store, 'stranger')).cookie);
  for (const role of ['viewer', 'coder', 'owner'] as const) cookies.set(role, (await signedIn(app, store, role, role)).cookie);
});
afterAll(async () => {
  await app.close();
  await cleanup();
});

async function operations(): Promise<Operation[]> {
  const doc = (await inject(app, { method: 'GET', url: '/api/openapi.json', headers: { cookie: '' } })).json();
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { 'x-koda-rule'?: Rule }>>))
    for (const [method, op] of Object.entries(methods)) {
      const rule = op['x-koda-rule'] ?? null;
      out.push({ method: method.toUpperCase(), path, rule });
      // A rule that depends on a query parameter is checked both ways.
      if (rule && 'when' in rule && rule.when)
        out.push({ method: method.toUpperCase(), path, rule, query: { [rule.when.query]: rule.when.is } });
    }
  // Signing out ends the session the next calls need: last.
  const signsOut = (op: Operation) => op.method === 'DELETE' && op.path === '/api/session';
  return [...out.filter((op) => !signsOut(op)), ...out.filter(signsOut)];
}

/** What the rule lets `person` do: 'pass', or the error code that must refuse them. */
function expected(rule: Rule, person: Person, query: Record<string, string> = {}): string {
  if ('public' in rule) return 'pass';
  if (person === 'unauthenticated') return 'auth.required';
  if ('signedIn' in rule) return 'pass';
  if (person === 'no access') return 'project.not-found';
  const needed: Role =
    'read' in rule
      ? 'viewer'
      : 'role' in rule
        ? rule.role
        : actionSpec(rule.when && query[rule.when.query] === rule.when.is ? rule.when.action : rule.action).role;
  return roleSuffices(person, needed) ? 'pass' : 'auth.role';
}

const STATUS: Record<string, number> = { 'auth.required': 401, 'project.not-found': 404, 'auth.role': 403 };

function urlOf(op: Operation): string {
  const path = op.path.replace('{project}', 'Studie').replace(/\{[^}]+\}/g, 'x');
  const query = new URLSearchParams({ ...op.query, ...(op.rule && 'projectIn' in op.rule ? { project: 'Studie' } : {}) });
  return query.size > 0 ? `${path}?${query}` : path;
}

describe('every route × every kind of person', () => {
  it('answers as the route’s rule says, and every route has one', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(55);
    const violations: string[] = [];
    let checked = 0;
    for (const op of ops) {
      if (!op.rule) {
        violations.push(`${op.method} ${op.path}: no rule`);
        continue;
      }
      for (const person of PEOPLE) {
        const want = expected(op.rule, person, op.query);
        // The live stream never ends for someone let in; the live-events tests follow it.
        if (op.path.endsWith('/events') && want === 'pass') continue;
        const body = ['POST', 'PUT', 'PATCH'].includes(op.method) ? { payload: {} } : {};
        const res = await inject(app, {
          method: op.method as 'GET',
          url: urlOf(op),
          headers: { cookie: cookies.get(person) as string },
          ...body,
        });
        const code = res.statusCode >= 400 ? (res.json().error?.code as string) : 'pass';
        checked++;
        const ok =
          want === 'pass' ? !DENIALS.has(code) && res.statusCode < 500 : code === want && res.statusCode === STATUS[want];
        if (!ok) violations.push(`${op.method} ${urlOf(op)} as ${person}: ${res.statusCode} ${code}, expected ${want}`);
      }
    }
    console.log(
      `access: ${ops.length} routes × ${PEOPLE.length} people, ${checked} calls checked, ${violations.length} violations`,
    );
    expect(violations).toEqual([]);
  });

  it('fails a route that declares no rule (500), never lets it through', async () => {
    const bare = await buildServer({ store, actor: 'operator' }, { language: 'en' });
    bare.get('/api/unruled', async () => ({ secret: true }));
    const res = await inject(bare, {
      method: 'GET',
      url: '/api/unruled',
      headers: cookies.get('owner') ? { cookie: cookies.get('owner') as string } : {},
    });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
    await bare.close();
  });
});
