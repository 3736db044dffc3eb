import { request as httpRequest } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { createProject } from '../../src/commands/createProject.js';
import { listCases } from '../../src/commands/listCases.js';
import { buildServer } from '../../src/server/app.js';
import { isLoopbackHost } from '../../src/server/requestGuard.js';
import { inject, localSession, tempContext } from '../helpers.js';

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

const caseNames = async () => (await listCases(env.ctx, { project: 'Omega' })).cases.map((c) => c.name);

/** A request over a real socket, so the Host header is what a browser would send. */
function send(url: string, options: { method?: string; headers?: Record<string, string> }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a web page cannot change a study', () => {
  it('refuses a cross-site withdrawal sent as a simple text/plain request, and the case stays', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/projects/Omega/cases/Albin/withdraw',
      headers: { origin: 'http://evil.example', 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('request.cross-site');
    expect(await caseNames()).toEqual(['Albin']);
  });

  it('refuses the Koda header from a foreign origin or a cross-site fetch', async () => {
    for (const headers of [
      { 'x-koda-csrf': '1', origin: 'http://evil.example' },
      { 'x-koda-csrf': '1', 'sec-fetch-site': 'cross-site' },
      { 'x-koda-csrf': '1', origin: 'null' },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/api/projects/Omega/cases/Albin/withdraw', headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
    }
    expect(await caseNames()).toEqual(['Albin']);
  });

  it('refuses every state-changing route without the header, including those without a body', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const changes = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => m !== 'get' && m !== 'head')
        .map((method) => ({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, 'Omega') })),
    );
    expect(changes.length).toBeGreaterThan(30);
    expect(changes).toEqual(
      expect.arrayContaining([
        { method: 'POST', url: '/api/projects/Omega/undo' },
        { method: 'POST', url: '/api/projects/Omega/codebook/templates/Omega' },
      ]),
    );
    for (const change of changes) {
      const res = await app.inject({ ...change, headers: { origin: 'http://evil.example' } } as never);
      expect(res.statusCode, `${change.method} ${change.url}`).toBe(403);
    }
    expect(await caseNames()).toEqual(['Albin']);
  });

  it("accepts the same change from Koda's own page", async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/api/projects/Omega/cases/Albin/withdraw?dryRun=true',
      headers: { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('only the bound address is answered', () => {
  it('refuses a Host naming another site (DNS rebinding), on reads too', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/projects', headers: { host: 'attacker.example' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('request.wrong-host');
    expect(res.body).not.toContain('Omega');
  });

  it('answers its own address and port and refuses another port or name over a real socket', async () => {
    const cookie = (await localSession(app)) as string;
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const port = new URL(url).port;
    expect((await send(`${url}/api/projects`, { headers: { cookie } })).status).toBe(200);
    expect((await send(`${url}/api/projects`, { headers: { host: `localhost:${port}`, cookie } })).status).toBe(200);
    for (const host of ['attacker.example', `attacker.example:${port}`, '127.0.0.1:1', `192.168.1.5:${port}`]) {
      const res = await send(`${url}/api/projects`, { headers: { host } });
      expect(`${host} ${res.status}`).toBe(`${host} 403`);
      expect(res.body).not.toContain('Omega');
    }
  });

  it('knows which addresses are this computer only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.org', 'localhost.evil.example', '128.0.0.1', '']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('headers', () => {
  it('sends a content security policy without inline script, nosniff, no framing and no referrer', async () => {
    for (const url of ['/api/projects', '/']) {
      const res = await app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('lets no browser or proxy keep a copy of an API answer', async () => {
    for (const url of ['/api/projects', '/api/projects/Omega/sources', '/api/nowhere']) {
      const res = await inject(app, { method: 'GET', url });
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('serves a consent form with the type its bytes show, not the one the uploader claimed', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    await inject(app, {
      method: 'POST',
      url: '/api/projects/Omega/cases/Albin/consent',
      payload: {
        letterVersion: 'v2',
        consentedOn: '2024-03-01',
        form: { fileName: 'form.pdf', mediaType: 'application/pdf', base64: html.toString('base64') },
      },
    });
    const res = await inject(app, { method: 'GET', url: '/api/projects/Omega/cases/Albin/consent/form' });
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
  });
});
