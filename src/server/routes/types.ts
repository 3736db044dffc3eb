import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandContext } from '../../commands/helpers/context.js';
import type { Language } from '../../i18n/index.js';

export type ZodApi = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * What a route module gets: the typed app and a way to get the command context for a request.
 * The acting coder is the signed-in person (server/session.ts).
 */
export interface RouteDeps {
  app: ZodApi;
  contextFor(request: FastifyRequest): CommandContext;
  /** The language to answer in: the `x-koda-lang` header, else the server's. */
  languageOf(request: FastifyRequest): Language;
}

export const ProjectParams = z.object({ project: z.string() });
/** Query flags arrive as text. */
export const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
