import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { buildReport } from '../../src/commands/buildReport.js';
import { createDemoProject } from '../../src/commands/createDemoProject.js';
import { tempContext } from '../helpers.js';

it('scratch', async () => {
  const env = await tempContext();
  await createDemoProject(env.ctx);
  for (const format of ['docx', 'md', 'html'] as const) {
    const r = await buildReport(env.ctx, { project: 'Omega (demo)', format, memos: true });
    writeFileSync(`/tmp/kx/${r.fileName}`, r.bytes);
    for (const f of r.files) { const { mkdirSync } = await import('node:fs'); mkdirSync('/tmp/kx/figures', { recursive: true }); writeFileSync(`/tmp/kx/${f.path}`, f.bytes); }
    console.log(r.fileName, r.counts, r.warnings);
  }
  await env.cleanup();
});
