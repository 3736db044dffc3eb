import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { createProject } from '../../src/commands/createProject.js';
import { buildServer } from '../../src/server/app.js';
import { inject, tempContext } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Omega' });
  await addCase(env.ctx, { project: 'Omega', name: 'Albin' });
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

describe('consent over HTTP', () => {
  it('records consent with a signed form and serves the form back', async () => {
    const form = Buffer.from('%PDF-1.4 signerad blankett åäö');
    const recorded = await inject(app, {
      method: 'POST',
      url: '/api/projects/Omega/cases/Albin/consent',
      payload: {
        letterVersion: 'v2',
        consentedOn: '2024-03-01',
        form: { fileName: 'samtycke albin.pdf', mediaType: 'application/pdf', base64: form.toString('base64') },
      },
    });
    expect(recorded.statusCode).toBe(200);
    const res = await inject(app, { method: 'GET', url: '/api/projects/Omega/cases/Albin/consent/form' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe("attachment; filename*=UTF-8''samtycke%20albin.pdf");
    expect(res.rawPayload.equals(form)).toBe(true);
  });

  it('says plainly when no form is attached', async () => {
    const res = await inject(app, { method: 'GET', url: '/api/projects/Omega/cases/Albin/consent/form' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: 'consent.no-form', message: 'No signed consent form is attached for Albin.' });
  });
});
