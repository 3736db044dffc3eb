import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * LibreOffice as a real client of the files Koda writes: `soffice --headless --convert-to`
 * opens a docx or xlsx the way a user's office suite would. Each run uses a fresh profile
 * folder, so parallel test files never clash on LibreOffice's profile lock.
 */
const which = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** `npm run test:quick` leaves LibreOffice out: its conversions take most of a minute. */
const officeLeftOut = process.env.KODA_TEST_OFFICE === 'skip';
export const hasSoffice = !officeLeftOut && which('soffice');
export const hasPdftotext = which('pdftotext');
export const NO_SOFFICE = officeLeftOut
  ? 'LibreOffice left out by npm run test:quick'
  : 'LibreOffice (soffice) is not installed: .ci/run installs libreoffice-writer-nogui and libreoffice-calc-nogui';

/** Converts `bytes` (saved as `name`) with soffice to `target` (e.g. `pdf`, `csv`); returns the output file's bytes. */
export function convert(bytes: Uint8Array, name: string, target: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'koda-office-'));
  try {
    const input = join(dir, name);
    writeFileSync(input, bytes);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        target,
        '--outdir',
        join(dir, 'out'),
        input,
      ],
      { timeout: 90_000, stdio: 'pipe' },
    );
    const base = name.replace(/\.[^.]+$/, '');
    return readFileSync(join(dir, 'out', `${base}.${target.split(':')[0]}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a document as LibreOffice renders it: to PDF and through pdftotext, else to plain text. */
export function documentText(bytes: Uint8Array, name: string): string {
  if (!hasPdftotext) return convert(bytes, name, 'txt:Text').toString('utf8');
  const pdf = convert(bytes, name, 'pdf');
  expectPdf(pdf);
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, timeout: 60_000 }).toString('utf8');
}

function expectPdf(pdf: Buffer): void {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('LibreOffice did not write a PDF');
}
