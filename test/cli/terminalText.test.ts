import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printable } from '../../src/cli/terminalText.js';
import { koda } from './run.js';

const ESC = '\u001b';
// Red text, a cleared screen, a new window title and a right-to-left override, in a source.
const HOSTILE = `Albin: Det var ${ESC}[31mrött${ESC}[0m och ${ESC}[2J borta.\n\nI: Titel ${ESC}]0;hackad\u0007 och \u202Egnp.\n`;

let dir: string;
let data: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koda-cli-text-'));
  data = join(dir, 'data');
  expect((await koda(data, ['project', 'create', 'Omega'])).code).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('user text on the terminal', () => {
  it('escapes control and bidi characters, keeping line breaks, tabs and other text', () => {
    expect(printable(`a${ESC}[31mb\r\n\tc\u0085\u202E😀e\u0301`)).toBe('a\\u{1B}[31mb\\u{D}\n\tc\\u{85}\\u{202E}😀e\u0301');
  });

  it('`koda source show` never writes ESC [ 31m raw, and --json keeps the exact text', async () => {
    writeFileSync(join(dir, 'albin.txt'), HOSTILE);
    expect((await koda(data, ['source', 'import', '--project', 'Omega', join(dir, 'albin.txt')])).code).toBe(0);
    const shown = await koda(data, ['source', 'show', '--project', 'Omega', 'albin']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).not.toContain(ESC);
    expect(shown.stdout).not.toContain('\u0007');
    expect(shown.stdout).not.toContain('\u202E');
    expect(shown.stdout).toContain('Det var \\u{1B}[31mrött\\u{1B}[0m');
    const json = await koda(data, ['source', 'show', '--project', 'Omega', 'albin', '--json']);
    expect(json.json().text).toContain(`${ESC}[31mrött`);
    expect(json.stdout).not.toContain(ESC);
  });

  it('refuses a name with a control character in one line that is itself printable', async () => {
    const r = await koda(data, ['case', 'add', '--project', 'Omega', `Kerstin${ESC}[31m`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'koda: name: a name cannot hold control characters or bidirectional marks (found U+001B); remove it.\n',
    );
    const missing = await koda(data, ['source', 'show', '--project', 'Omega', `x${ESC}[2J`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).not.toContain(ESC);
    expect(missing.stderr).toContain('x\\u{1B}[2J');
  });

  it('says when an imported file’s name was shortened', async () => {
    const stem = `intervju-${'lang-'.repeat(45)}`; // ASCII: a file name holds at most 255 bytes
    writeFileSync(join(dir, `${stem}.txt`), 'I: Hej.\n');
    const r = await koda(data, ['source', 'import', '--project', 'Omega', join(dir, `${stem}.txt`)]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^koda: intervju-lang-.*: the name was too long and is shortened to "intervju-lang-.*…"\.\n$/);
    expect(r.stdout).toMatch(/^Imported "intervju-lang-.*…": /);
  });
});
