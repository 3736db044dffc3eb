import { type Answer, described, errorOf, projectPath } from '../http.js';
import { runKoda } from '../processes.js';
import { type Check, verdict } from '../report.js';
import { OWNER, PROJECT } from '../seed.js';
import { withServer } from '../server.js';
import { codeSpans, leafCodes, listSources } from '../study.js';
import type { Suite } from '../suite.js';

/** A throwaway password for the suite's accounts. */
const passwordOf = (name: string) => `${name}-reliability-password`;

/** Every string anywhere in a JSON value. */
function stringsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, into);
  return into;
}

/**
 * Attack 6: in a blind project, coder anna must learn nothing of bo's layer or of who else is
 * there: not bo's figures through the agreement route, not bo's or the owner's name through
 * the coders list or an error message, not their actions through history or the audit log.
 */
export async function blindMode(suite: Suite): Promise<Check[]> {
  const dataDir = await suite.ws.copyOf(suite.seed.dataDir, 'blind');
  // Roles need accounts (the laptop's local people own every project): the owner and two coders.
  for (const [name, role] of [
    [OWNER, 'owner'],
    ['anna', 'coder'],
    ['bo', 'coder'],
  ] as const) {
    const added = await runKoda(dataDir, ['user', 'add', name, '--password-stdin'], undefined, {}, passwordOf(name));
    const member = await runKoda(dataDir, ['member', 'add', '--project', PROJECT, name, '--role', role]);
    if (added.code !== 0 || member.code !== 0) throw new Error(`could not add ${name}: ${added.stderr}${member.stderr}`);
  }
  return withServer(dataDir, async ({ api }) => {
    const anna = await api.signIn('anna', passwordOf('anna'));
    const bo = await api.signIn('bo', passwordOf('bo'));
    const owner = await api.signIn(OWNER, passwordOf(OWNER));
    const source = (await listSources(api)).find((s) => s.name === 'anna-1');
    const code = (await leafCodes(api))[0] ?? '';
    if (!source) throw new Error('seed source anna-1 missing');
    await codeSpans(anna, source, code, 3);
    const boSegments = await codeSpans(bo, source, code, 3, 10);
    await codeSpans(owner, source, code, 1, 20);
    const blind = await owner.send('PUT', projectPath(PROJECT, '/blind'), { blind: true });
    if (blind.status !== 200) throw new Error(`could not turn blind mode on: ${described(blind)}`);

    // What would give the others away: their names and the ids of bo's segments.
    const secrets = ['bo', OWNER, ...boSegments];
    const leaks = (a: Answer) => [...stringsIn(a.json)].filter((s) => secrets.includes(s));
    const named = (message: string) => secrets.filter((s) => new RegExp(`\\b${s}\\b`, 'i').test(message));
    const checks: Check[] = [];

    const agreement = await anna.get(projectPath(PROJECT, '/agreement?coders=anna,bo'));
    checks.push(
      verdict(agreement.status === 403, `blind: anna asks /agreement?coders=anna,bo: ${described(agreement)} (403 wanted)`),
    );
    const coders = await anna.get(projectPath(PROJECT, '/coders'));
    checks.push(
      verdict(
        leaks(coders).length === 0,
        `blind: anna's /coders names ${leaks(coders).join(', ') || 'no one else'} (${described(coders)})`,
      ),
    );
    const intoBo = await anna.send('POST', projectPath(PROJECT, '/segments'), {
      source: source.id,
      code,
      start: 0,
      end: 3,
      coder: 'bo',
    });
    const messages = [errorOf(intoBo)?.message ?? '', errorOf(agreement)?.message ?? ''].join(' | ');
    checks.push(
      verdict(
        intoBo.status === 403 && named(messages).length === 0,
        `blind: anna coding into bo's layer: ${described(intoBo)}; refusals name ${named(messages).join(', ') || 'no one'}`,
      ),
    );
    for (const [what, path] of [
      ['history', projectPath(PROJECT, '/history')],
      ['audit log', `/api/audit?project=${PROJECT}`],
    ] as const) {
      const answer = await anna.get(path);
      const found = leaks(answer);
      checks.push(
        verdict(
          answer.status < 500 && found.length === 0,
          `blind: anna's ${what} shows others' actions: ${found.length ? `${new Set(found).size} names/ids of others` : 'none'} (${described(answer)})`,
        ),
      );
    }
    return checks;
  });
}
