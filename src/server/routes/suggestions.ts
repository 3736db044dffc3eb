import { z } from 'zod';
import { Input as DecideInput, decideSuggestion } from '../../commands/decideSuggestion.js';
import { suggestForCode } from '../../commands/suggestForCode.js';
import { SUGGEST_UNIT_KINDS } from '../../core/suggest/units.js';
import { ProjectParams, type RouteDeps } from './types.js';

const CodeParams = ProjectParams.extend({ code: z.string() });

/**
 * "Find more like this" for a code: the ranked suggestions, and a decision on one of them. Both
 * need a coder: acting on a suggestion is coding, and the list is only there to act on.
 */
export function suggestionRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/codes/:code/suggestions',
    {
      config: { rule: { role: 'coder' } },
      schema: {
        tags: ['suggestions'],
        params: CodeParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).optional(),
          unit: z.enum(SUGGEST_UNIT_KINDS as [string, ...string[]]).optional(),
        }),
      },
    },
    (req) => suggestForCode(contextFor(req), { ...req.params, ...req.query }),
  );
  app.post(
    '/api/projects/:project/codes/:code/suggestions/decisions',
    {
      config: { rule: { action: 'suggestion.decide' } },
      schema: { tags: ['suggestions'], params: CodeParams, body: DecideInput.omit({ project: true, code: true }) },
    },
    async (req, reply) => reply.status(201).send(await decideSuggestion(contextFor(req), { ...req.body, ...req.params })),
  );
}
