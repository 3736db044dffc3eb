import { type Answer, type Api, described, ok, projectPath, request } from '../http.js';
import { type Check, verdict } from '../report.js';
import { PROJECT } from '../seed.js';
import { withServer } from '../server.js';
import { caseNames, leafCodes, listSources } from '../study.js';
import type { Suite } from '../suite.js';

const EVIL = 'http://evil.example';

/** A clean refusal: an answer, not a success, not a crash. */
const refused = (a: Answer) => a.status >= 400 && a.status < 500;

/**
 * Attack 1: state-changing requests from another site (a form or fetch with a "simple"
 * content type, so no preflight) must be refused; the workbench's own requests must work.
 */
export async function crossSite(suite: Suite): Promise<Check[]> {
  const dataDir = await suite.ws.copyOf(suite.seed.dataDir, 'cross-site');
  return withServer(dataDir, async ({ api, port }) => {
    const foreign = (method: string, path: string, headers: Record<string, string>, body?: string) =>
      request({ port, method, path, headers: { 'x-koda-lang': 'en', ...headers }, body });
    const simple = { origin: EVIL, 'content-type': 'text/plain' };
    const checks: Check[] = [];

    const withdraw = await foreign('POST', projectPath(PROJECT, '/cases/Anna/withdraw'), simple, 'x');
    const annaKept = (await caseNames(api)).includes('Anna');
    checks.push(
      verdict(
        refused(withdraw) && annaKept,
        `cross-site withdraw (text/plain, Origin evil.example): ${described(withdraw)}, case ${annaKept ? 'kept' : 'ERASED'}`,
      ),
    );

    const empty = 'Tom';
    await api.send('POST', '/api/projects', { name: empty, language: 'en' });
    const template = await foreign('POST', `/api/projects/${empty}/codebook/templates/traffic-light`, simple, 'x');
    const codebook = (await api.get(`/api/projects/${empty}/codebook`)).json;
    const added = Array.isArray(codebook) && codebook.length > 0;
    checks.push(
      verdict(
        refused(template) && !added,
        `cross-site codebook template: ${described(template)}, codebook ${added ? 'CHANGED' : 'unchanged'}`,
      ),
    );

    const historyBefore = (await api.get(projectPath(PROJECT, '/history'))).text;
    const undo = await foreign('POST', projectPath(PROJECT, '/undo'), simple, 'x');
    const undone = (await api.get(projectPath(PROJECT, '/history'))).text !== historyBefore;
    checks.push(
      verdict(refused(undo) && !undone, `cross-site undo: ${described(undo)}, history ${undone ? 'CHANGED' : 'unchanged'}`),
    );

    const victim = (await listSources(api)).find((s) => s.name === 'cecilia-1');
    const del = await foreign('DELETE', projectPath(PROJECT, `/sources/${victim?.id ?? 'cecilia-1'}`), { origin: EVIL });
    const sourceKept = (await listSources(api)).some((s) => s.name === 'cecilia-1');
    checks.push(
      verdict(
        refused(del) && sourceKept,
        `cross-site DELETE of a source, no body: ${described(del)}, source ${sourceKept ? 'kept' : 'DELETED'}`,
      ),
    );

    checks.push(
      await codeRefused(api, 'with x-koda-csrf but Origin evil.example', 'evil-origin', (body) =>
        foreign(
          'POST',
          projectPath(PROJECT, '/codes'),
          { origin: EVIL, 'x-koda-csrf': '1', 'content-type': 'application/json' },
          body,
        ),
      ),
      await codeRefused(api, 'with x-koda-csrf and Sec-Fetch-Site: cross-site', 'evil-fetch-site', (body) =>
        foreign(
          'POST',
          projectPath(PROJECT, '/codes'),
          { 'sec-fetch-site': 'cross-site', 'x-koda-csrf': '1', 'content-type': 'application/json' },
          body,
        ),
      ),
      await codeRefused(api, 'same origin without x-koda-csrf', 'no-header', (body) =>
        foreign('POST', projectPath(PROJECT, '/codes'), { origin: api.origin, 'content-type': 'application/json' }, body),
      ),
    );

    const own = await api.send('POST', projectPath(PROJECT, '/codes'), { name: 'same-origin-code' });
    const ownAdded = (await leafCodes(api)).includes('same-origin-code');
    checks.push(verdict(ok(own) && ownAdded, `same-origin write with x-koda-csrf works: ${described(own)}`));
    return checks;
  });
}

/** Adds a code through `send`; held when refused with 403 and the code is not there. */
async function codeRefused(api: Api, what: string, name: string, send: (body: string) => Promise<Answer>): Promise<Check> {
  const answer = await send(JSON.stringify({ name }));
  const added = (await leafCodes(api)).includes(name);
  return verdict(
    answer.status === 403 && !added,
    `write ${what}: ${described(answer)} (403 wanted), code ${added ? 'ADDED' : 'not added'}`,
  );
}
