import { type Answer, type Api, described, errorOf, ok, projectPath } from '../http.js';
import { watchHealth } from '../latency.js';
import { type Check, verdict } from '../report.js';
import { PROJECT } from '../seed.js';
import { withServer } from '../server.js';
import { leafCodes, listSources } from '../study.js';
import type { Suite } from '../suite.js';

const STALL = '(a+)+$';
/** Catastrophic backtracking for `(a+)+$`: a long run of a's that does not end the line. */
const MANY_AS = `IP: ${'a'.repeat(5_000)}!\n`;
const EMOJI = 'I: Hej 😀 där, e och x 👍🏽 och 👨‍👩‍👧.\nIP: Ja 🙂 precis.\n';
const HEALTH_LIMIT_MS = 1_000;

/**
 * Attack 3: a user's regular expression with catastrophic backtracking (pseudonym suggestions,
 * auto-coding) must be refused without stalling the server; patterns that match the empty
 * string over emoji must still work.
 */
export async function regexStall(suite: Suite): Promise<Check[]> {
  const dataDir = await suite.ws.copyOf(suite.seed.dataDir, 'regex');
  return withServer(dataDir, async (server) => {
    const { api } = server;
    await upload(api, 'many-as.txt', MANY_AS);
    await upload(api, 'emoji.txt', EMOJI);
    const sources = await listSources(api);
    const stalling = sources.find((s) => s.name === 'many-as');
    const emoji = sources.find((s) => s.name === 'emoji');
    const code = (await leafCodes(api))[0] ?? '';
    const suggest = (pattern: string, source?: string) =>
      api.get(
        projectPath(
          PROJECT,
          `/pseudonyms/suggestions?pattern=${encodeURIComponent(pattern)}${source ? `&source=${encodeURIComponent(source)}` : ''}`,
        ),
        120_000,
      );
    const autocode = (pattern: string, source: string | undefined, dryRun: boolean) =>
      api.send(
        'POST',
        projectPath(PROJECT, '/autocode'),
        { code, pattern, kind: 'regex', sources: source ? [source] : [], dryRun },
        120_000,
      );

    const checks = [
      await stalled(server.port, 'pseudonym suggestions', () => suggest(STALL, stalling?.id)),
      await stalled(server.port, 'auto-coding', () => autocode(STALL, stalling?.id, false)),
    ];
    const harmless = [
      ['suggest x*', await suggest('x*', emoji?.id)],
      ['suggest e?', await suggest('e?', emoji?.id)],
      ['autocode x*', await autocode('x*', emoji?.id, true)],
      ['autocode e?', await autocode('e?', emoji?.id, true)],
    ] as const;
    checks.push(
      verdict(
        harmless.every(([, a]) => ok(a)),
        `regex x* and e? over emoji accepted: ${harmless.map(([what, a]) => `${what} ${described(a)}`).join(', ')}`,
      ),
    );
    return checks;
  });
}

function upload(api: Api, fileName: string, text: string) {
  const bytes = Buffer.from(text);
  return api.upload(projectPath(PROJECT, `/sources?fileName=${encodeURIComponent(fileName)}`), bytes, bytes.length);
}

/** Runs a stalling request while asking /api/health; held when health stayed quick and the request was refused. */
async function stalled(port: number, what: string, send: () => Promise<Answer>): Promise<Check> {
  const health = watchHealth(port);
  const answer = await send();
  const latency = await health.stop();
  const refusal = answer.status >= 400 && answer.status < 500 && errorOf(answer) !== undefined;
  return verdict(
    refusal && latency.maxMs < HEALTH_LIMIT_MS,
    `${what} ${STALL} over 5,000 a's: ${described(answer)} after ${(answer.ms / 1000).toFixed(1)} s, ` +
      `/api/health max ${latency.maxMs} ms`,
  );
}
