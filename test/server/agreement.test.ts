import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unpackSegments } from '../../src/core/segmentPage.js';
import { buildServer } from '../../src/server/app.js';
import { type TwoCoderStudy, twoCoderStudy } from '../commands/agreementFixture.js';
import { inject, signedIn, tempContext } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
let s: TwoCoderStudy;

beforeEach(async () => {
  env = await tempContext('lead');
  s = await twoCoderStudy(env.ctx);
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

describe('HTTP API: coding layers and agreement', () => {
  it('GET /agreement gives the figures with their inputs; coders as a list, codes repeated', async () => {
    const res = await inject(app, {
      method: 'GET',
      url: `/api/projects/${s.name}/agreement?coders=anna,bo&code=media&code=plan&unit=sentence`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.coders).toEqual(['anna', 'bo']);
    expect(body.codes.map((c: { code: { path: string } }) => c.code.path)).toEqual(['Hinder/media', 'plan']);
    expect(body.codes[0]).toMatchObject({ cells: { '11': 1, '01': 1, '00': 2 }, kappa: { value: 0.5 } });
  });

  it('GET /compare gives the disagreement view; blind mode keeps it from coders other than the owner', async () => {
    const url = `/api/projects/${s.name}/compare?source=intervju`;
    const res = await inject(app, { method: 'GET', url });
    expect(res.json().codes[0].regions[0]).toMatchObject({
      start: 0,
      end: 23,
      differences: [{ codedBy: ['anna'] }, { codedBy: ['bo'] }],
    });
    const blind = await inject(app, { method: 'PUT', url: `/api/projects/${s.name}/blind`, payload: { blind: true } });
    expect(blind.json()).toMatchObject({ blind: true, owner: 'lead' });
    const anna = await signedIn(app, env.store, 'anna', 'coder');
    const refused = await inject(app, { method: 'GET', url, headers: anna });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('coders.blind');
    const own = await inject(app, {
      method: 'GET',
      url: `/api/projects/${s.name}/segments`,
      headers: anna,
    });
    expect(unpackSegments(own.json()).map((r) => r.coder)).toEqual(['anna', 'anna']);
  });

  it('POST /consensus accepts a side; GET /coders lists the layers', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: `/api/projects/${s.name}/consensus`,
      payload: { source: 'intervju', code: 'media', start: 0, end: 23, from: ['bo'] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ layer: 'consensus', added: [{ start: 5, end: 23 }] });
    const layers = await inject(app, { method: 'GET', url: `/api/projects/${s.name}/coders` });
    expect(layers.json().coders.map((c: { name: string; kind: string }) => `${c.name}:${c.kind}`)).toEqual([
      'anna:coder',
      'bo:coder',
      'consensus:consensus',
    ]);
  });

  it('POST /api/agreement/alpha computes alpha of posted reliability data', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/api/agreement/alpha',
      payload: {
        rows: [
          ['1', '1', '0', '0'],
          ['1', '0', '0', '0'],
        ],
      },
    });
    expect(res.json().value).toBeCloseTo(8 / 15, 12);
  });

  it('POST /api/agreement/alpha reads posted CSV text as the CLI does', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/api/agreement/alpha',
      payload: { csv: 'coder;u1;u2;u3;u4\nanna;1;1;0;0\nbo;1;0;0;0\n', header: true, rowNames: true },
    });
    expect(res.json()).toMatchObject({ coders: ['anna', 'bo'], units: ['u1', 'u2', 'u3', 'u4'] });
    expect(res.json().value).toBeCloseTo(8 / 15, 12);
  });
});
