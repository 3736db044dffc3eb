import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { koda } from './run.js';

let dir: string;
let data: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koda-cli-privacy-'));
  data = join(dir, 'data');
  writeFileSync(join(dir, 'albin.txt'), 'I: Hej\n\nAlbin: Hej.');
  writeFileSync(join(dir, 'form.pdf'), '%PDF-1.4 signed');
  await koda(data, ['project', 'create', 'Omega']);
  await koda(data, ['case', 'add', '--project', 'Omega', 'Albin']);
  await koda(data, ['source', 'import', '--project', 'Omega', '--case', 'Albin', join(dir, 'albin.txt')]);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('koda consent, case withdraw, audit', () => {
  it('records consent with a form and lists it', async () => {
    const r = await koda(data, [
      'consent',
      'record',
      '--project',
      'Omega',
      'Albin',
      '--letter',
      'v2',
      '--date',
      '2024-03-01',
      '--form',
      join(dir, 'form.pdf'),
    ]);
    expect(r.code).toBe(0);
    const list = (await koda(data, ['consent', 'list', '--project', 'Omega', '--json'])).json();
    expect(list).toEqual({
      cases: [
        {
          id: expect.any(String),
          name: 'Albin',
          consent: { letterVersion: 'v2', consentedOn: '2024-03-01', note: '', form: 'form.pdf' },
        },
      ],
      withdrawn: 0,
    });
    const bad = await koda(data, ['consent', 'record', '--project', 'Omega', 'Albin', '--letter', 'v2', '--date', '2024-02-30']);
    expect(bad.code).toBe(1);
  });

  it('withdraws only with confirmation, then the audit log shows it without the name', async () => {
    const refused = await koda(data, ['case', 'withdraw', '--project', 'Omega', 'Albin']);
    expect(refused.code).toBe(1);
    expect((await koda(data, ['source', 'list', '--project', 'Omega', '--json'])).json()).toHaveLength(1);
    expect((await koda(data, ['case', 'withdraw', '--project', 'Omega', 'Albin', '--yes'])).code).toBe(0);
    expect((await koda(data, ['source', 'list', '--project', 'Omega', '--json'])).json()).toHaveLength(0);
    const audit = await koda(data, ['audit', '--project', 'Omega', '--json']);
    const events = audit.json() as { action: string }[];
    expect(events[0]?.action).toBe('case.withdraw');
    expect(audit.stdout).not.toContain('Albin');
  });
});
