import { z } from 'zod';
import { deleteMemo } from '../../commands/deleteMemo.js';
import { Input as ListMemos, listMemos } from '../../commands/listMemos.js';
import { Input as WriteMemo, writeMemo } from '../../commands/writeMemo.js';
import { ProjectParams, type RouteDeps } from './types.js';

const MemoParams = ProjectParams.extend({ memo: z.string() });

/** Memos on the project, sources, cases, codes and segments: listed and searched, written, edited, deleted. */
export function memoRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/memos',
    {
      config: { rule: { read: true } },
      schema: { tags: ['memos'], params: ProjectParams, querystring: ListMemos.omit({ project: true }) },
    },
    (req) => listMemos(contextFor(req), { ...req.query, ...req.params }),
  );
  app.post(
    '/api/projects/:project/memos',
    {
      config: { rule: { action: 'memo.write' } },
      schema: { tags: ['memos'], params: ProjectParams, body: WriteMemo.omit({ project: true, memo: true }) },
    },
    async (req, reply) => reply.status(201).send(await writeMemo(contextFor(req), { ...req.body, ...req.params })),
  );
  app.put(
    '/api/projects/:project/memos/:memo',
    {
      config: { rule: { action: 'memo.write' } },
      schema: { tags: ['memos'], params: MemoParams, body: WriteMemo.pick({ title: true, body: true }) },
    },
    (req) => writeMemo(contextFor(req), { ...req.body, ...req.params }),
  );
  app.delete(
    '/api/projects/:project/memos/:memo',
    { config: { rule: { action: 'memo.delete' } }, schema: { tags: ['memos'], params: MemoParams } },
    (req) => deleteMemo(contextFor(req), req.params),
  );
}
