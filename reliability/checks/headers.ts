import { type Answer, type Api, described, ok, projectPath } from '../http.js';
import { type Check, verdict } from '../report.js';
import { PROJECT } from '../seed.js';
import { withServer } from '../server.js';
import type { Suite } from '../suite.js';

const STRICT_REFERRER = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
const HTML_FORM = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>';
const PDF_FORM =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

/**
 * Attack 10: the UI page and the API answer with a Content-Security-Policy without inline
 * scripts and no framing, nosniff and a strict Referrer-Policy; a consent form is served with
 * the type its bytes have, not the type the uploader claimed.
 */
export async function headers(suite: Suite): Promise<Check[]> {
  const dataDir = await suite.ws.copyOf(suite.seed.dataDir, 'headers');
  return withServer(dataDir, async ({ api }) => {
    const page = await api.get('/');
    const answer = await api.get('/api/projects');
    return [
      verdict(
        missing(page).length === 0,
        `security headers of the UI page (${described(page)}): ${missing(page).join(', ') || 'all there'}`,
      ),
      verdict(missing(answer).length === 0, `security headers of an API answer: ${missing(answer).join(', ') || 'all there'}`),
      await servedAs(
        api,
        'Anna',
        'an HTML consent form claiming application/pdf',
        'form.pdf',
        'application/pdf',
        HTML_FORM,
        (t) => /^(text\/html|text\/plain|application\/octet-stream)/.test(t),
      ),
      await servedAs(api, 'Bo', 'a PDF consent form claiming text/html', 'form.html', 'text/html', PDF_FORM, (t) =>
        t.startsWith('application/pdf'),
      ),
    ];
  });
}

/** Which of the wanted headers an answer lacks or weakens. */
function missing(a: Answer): string[] {
  const header = (name: string) => String(a.headers[name] ?? '');
  const csp = header('content-security-policy');
  const directive = (name: string) =>
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.toLowerCase().startsWith(`${name} `));
  const scripts = directive('script-src') ?? directive('default-src');
  const gaps: string[] = [];
  if (!csp) gaps.push('NO Content-Security-Policy');
  else {
    if (!scripts) gaps.push('CSP without script-src/default-src');
    else if (scripts.includes("'unsafe-inline'")) gaps.push("script-src allows 'unsafe-inline'");
    if (directive('frame-ancestors') !== "frame-ancestors 'none'") gaps.push("NO frame-ancestors 'none'");
  }
  if (header('x-content-type-options').toLowerCase() !== 'nosniff') gaps.push('NO X-Content-Type-Options: nosniff');
  const referrer = header('referrer-policy').toLowerCase();
  if (!STRICT_REFERRER.includes(referrer)) gaps.push(`Referrer-Policy ${referrer ? `is ${referrer}` : 'MISSING'}`);
  return gaps;
}

/** Records a consent form with a false media type; held when refused or served as its bytes say. */
async function servedAs(
  api: Api,
  participant: string,
  what: string,
  fileName: string,
  claimed: string,
  content: string,
  detected: (type: string) => boolean,
): Promise<Check> {
  const path = projectPath(PROJECT, `/cases/${participant}/consent`);
  const form = { fileName, mediaType: claimed, base64: Buffer.from(content).toString('base64') };
  const recorded = await api.send('POST', path, { letterVersion: 'v1', consentedOn: '2024-03-01', form });
  if (!ok(recorded)) {
    return verdict(recorded.status >= 400 && recorded.status < 500, `${what}: upload refused (${described(recorded)})`);
  }
  const served = await api.get(`${path}/form`);
  const type = String(served.headers['content-type'] ?? '');
  return verdict(ok(served) && detected(type), `${what}: served as ${type || described(served)}`);
}
