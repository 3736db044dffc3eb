import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AccessMode, accessMode } from '../commands/accounts/mode.js';
import { sessionAccess } from '../commands/accounts/sessionAccount.js';
import { Input as SignIn, signIn } from '../commands/accounts/signIn.js';
import { Input as SignInLocal, signInLocal } from '../commands/accounts/signInLocal.js';
import { signOut } from '../commands/accounts/signOut.js';
import type { Role } from '../commands/actions.js';
import type { CommandContext, SignedInAccount } from '../commands/helpers/context.js';
import { SESSION_HOURS } from '../commands/helpers/sessions.js';
import { KodaError } from '../core/errors.js';
import { checkedProject } from './access.js';
import type { ZodApi } from './routes/types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person (the session cookie), or null. */
    account: SignedInAccount | null;
    /** Their role in the project the route's rule checks, found with the session (null: no access); absent when not asked. */
    projectRole?: Role | null;
  }
}

export const SESSION_COOKIE = 'koda_session';
/**
 * The session cookie's name over https (ASVS V3.4.4): with the `__Host-` prefix a browser takes
 * it only when it is Secure, set by this very host, for every path, so no other site under the
 * same domain can set or shadow it. Plain HTTP (the laptop's loopback) cannot carry the prefix.
 */
export const SECURE_SESSION_COOKIE = '__Host-koda_session';

/** GET /api/session: who is signed in, how this server lets people in, and its identity provider. */
export interface SessionState {
  account: SignedInAccount | null;
  mode: AccessMode;
  oidc: { name: string } | null;
}

/** Signing in and out is open to anyone: it is how one gets a session (server/access.ts). */
const PUBLIC = { rule: { public: true as const } };

export interface SessionOptions {
  /** Cookies only over https: the public URL is https (the server itself speaks plain HTTP). */
  secure: boolean;
  /** The identity provider, when configured (it puts the server in accounts mode). */
  oidc?: { name: string } | undefined;
}

/** Sets the cookie of a session just started (a password, local mode, the identity provider: server/oidc.ts). */
export type SessionCookie = (req: FastifyRequest, reply: FastifyReply, token: string) => unknown;

/**
 * Who is asking: reads the session cookie on every request (req.account), and the routes that
 * sign in and out. The cookie is HttpOnly (no script reads it), SameSite=Lax (another site's
 * form posts go without it), Path=/, Secure over https, and lives as long as the session.
 */

export async function sessionRoutes(app: ZodApi, ctx: CommandContext, options: SessionOptions): Promise<SessionCookie> {
  await app.register(fastifyCookie, { hook: 'onRequest' });
  app.decorateRequest('account', null);
  app.decorateRequest('projectRole', undefined);
  const mode = () => accessMode(ctx, { oidc: options.oidc !== undefined });
  const secure = (req: FastifyRequest) => options.secure || req.protocol === 'https';
  const cookieName = (req: FastifyRequest) => (secure(req) ? SECURE_SESSION_COOKIE : SESSION_COOKIE);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[cookieName(req)];
    if (!token) return;
    // The role the access check (access.ts) needs comes with the account: one statement, not two.
    const access = await sessionAccess(ctx, token, { oidc: options.oidc !== undefined, project: checkedProject(req) });
    req.account = access.account;
    if (access.role !== undefined) req.projectRole = access.role;
  });
  const setSession = (req: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(cookieName(req), token, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: secure(req),
      maxAge: SESSION_HOURS * 3600,
    });

  app.get(
    '/api/session',
    { schema: { tags: ['session'] }, config: PUBLIC },
    async (req): Promise<SessionState> => ({
      account: req.account,
      mode: await mode(),
      oidc: options.oidc ? { name: options.oidc.name } : null,
    }),
  );
  app.post('/api/session', { schema: { tags: ['session'], body: SignIn }, config: PUBLIC }, async (req, reply) => {
    const { account, token } = await signIn(ctx, req.body);
    setSession(req, reply, token);
    return { account };
  });
  app.post('/api/session/local', { schema: { tags: ['session'], body: SignInLocal }, config: PUBLIC }, async (req, reply) => {
    // Absent outside local mode: a server with accounts has no way in without a secret.
    if ((await mode()) !== 'local') throw new KodaError('request.no-route', { url: req.url }, 'not-found');
    const { account, token } = await signInLocal(ctx, req.body);
    setSession(req, reply, token);
    return { account };
  });
  app.delete('/api/session', { schema: { tags: ['session'] }, config: PUBLIC }, async (req, reply) => {
    const token = req.cookies[cookieName(req)];
    if (token) await signOut({ ...ctx, ...(req.account ? { actor: req.account.name, account: req.account } : {}) }, token);
    reply.clearCookie(cookieName(req), { path: '/', secure: secure(req) });
    return reply.status(204).send();
  });
  return setSession;
}
