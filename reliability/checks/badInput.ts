import { type Api, described, errorOf, ok, projectPath, request } from '../http.js';
import { runKoda } from '../processes.js';
import { type Check, verdict } from '../report.js';
import { PROJECT } from '../seed.js';
import { withServer } from '../server.js';
import { leafCodes, listSources } from '../study.js';
import type { Suite } from '../suite.js';

/** Cues 2 and 4 have malformed timestamps; each cue carries a word to find it by. */
const BAD_VTT = [
  'WEBVTT',
  '',
  '00:00:01.000 --> 00:00:02.000',
  'I: First cue, word alpha.',
  '',
  '00:00:xx.000 --> 00:00:04.000',
  'IP: Second cue, word bravo.',
  '',
  '00:00:05.000 --> 00:00:06.000',
  'I: Third cue, word charlie.',
  '',
  '00:0:07.0 -> 00:00:08.000',
  'IP: Fourth cue, word delta.',
  '',
].join('\n');
const CUE_WORDS = ['alpha', 'bravo', 'charlie', 'delta'];
const ESCAPES = 'I: Hej \u001b[31mred\u001b[0m and \u001b]0;title\u0007 and \u001b[2J cleared.\nIP: Ja.\n';

/**
 * Attack 8: malformed input must get a clear refusal (4xx), never a 500 or silence: a session
 * cookie that is not valid percent-encoding, a .vtt with malformed timestamps, code names with
 * a bidi override or a control character, and terminal escapes in a text shown by the CLI.
 */
export async function badInput(suite: Suite): Promise<Check[]> {
  const dataDir = await suite.ws.copyOf(suite.seed.dataDir, 'bad-input');
  return withServer(dataDir, async ({ api, port }) => {
    const checks: Check[] = [];
    const cookie = await request({ port, path: projectPath(PROJECT, '/sources'), headers: { cookie: 'koda_session=%E0%A4%A' } });
    checks.push(verdict(cookie.status === 401, `malformed session cookie %E0%A4%A: ${described(cookie)} (401 wanted)`));
    checks.push(await malformedVtt(api));

    const names = ['evil\u202Efdp.exe', 'bell\u0007code'];
    const answers = await Promise.all(names.map((name) => api.send('POST', projectPath(PROJECT, '/codes'), { name })));
    const codes = await leafCodes(api);
    const refused = answers.every((a) => a.status === 400 && errorOf(a)) && !names.some((n) => codes.includes(n));
    checks.push(
      verdict(refused, `code name with U+202E: ${described(answers[0]!)}; with U+0007: ${described(answers[1]!)} (400 wanted)`),
    );

    const bytes = Buffer.from(ESCAPES);
    await api.upload(projectPath(PROJECT, '/sources?fileName=escapes.txt'), bytes, bytes.length);
    const shown = await runKoda(dataDir, ['source', 'show', '--project', PROJECT, 'escapes'], 60_000);
    // ESC, and the one-byte CSI that some terminals also obey.
    const raw = shown.stdout.includes('\u001b') || shown.stdout.includes('\u009b');
    checks.push(
      verdict(
        shown.code === 0 && !raw,
        `koda source show of a text with ESC sequences: exit ${shown.code}, ${raw ? 'RAW ESC bytes in the output' : 'no raw ESC bytes'}`,
      ),
    );
    return checks;
  });
}

/** Refused with a line number, or imported with a warning for every cue it dropped. */
async function malformedVtt(api: Api): Promise<Check> {
  const bytes = Buffer.from(BAD_VTT);
  const answer = await api.upload(projectPath(PROJECT, '/sources?fileName=bad-times.vtt'), bytes, bytes.length);
  if (!ok(answer)) {
    const message = errorOf(answer)?.message ?? '';
    return verdict(
      answer.status === 400 && /line\s*\d+/i.test(message),
      `.vtt with malformed timestamps refused: ${described(answer)}, ${/line\s*\d+/i.test(message) ? 'names the line' : 'NO line number'}`,
    );
  }
  const warnings = ((answer.json as { warnings?: unknown[] } | undefined)?.warnings ?? []).length;
  const source = (await listSources(api)).find((s) => s.name === 'bad-times');
  const text = (await api.get(projectPath(PROJECT, `/sources/${source?.id ?? 'bad-times'}`))).json as
    | { text?: string }
    | undefined;
  const dropped = CUE_WORDS.filter((w) => !text?.text?.includes(w)).length;
  return verdict(
    dropped <= warnings,
    `.vtt with malformed timestamps imported: ${dropped} of 4 cues dropped, ${warnings} warning(s)`,
  );
}
