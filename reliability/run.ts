import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { badInput } from './checks/badInput.js';
import { batchImport } from './checks/batchImport.js';
import { blindMode } from './checks/blindMode.js';
import { crossSite } from './checks/crossSite.js';
import { eventLoop } from './checks/eventLoop.js';
import { headers } from './checks/headers.js';
import { memory } from './checks/memory.js';
import { rebinding } from './checks/rebinding.js';
import { regexStall } from './checks/regexStall.js';
import { sharedWriters } from './checks/sharedWriters.js';
import { cancellable, killAll } from './processes.js';
import { type Check, notRun, Report } from './report.js';
import { buildSeed } from './seed.js';
import type { Options, Suite } from './suite.js';
import { codingKillTrials } from './trials/codingKill.js';
import { importKillTrials } from './trials/importKill.js';
import { withdrawKillTrials } from './trials/withdrawKill.js';
import { Workspace } from './workspace.js';

/**
 * `npm run reliability`: repeats the attacks of issue 10 against real `koda serve` child
 * processes and the CLI, each on a fresh data folder, loopback only, and prints for each
 * whether it held; then kill -9 trials. Exit code 0 only if everything held.
 *   --trials N     kill -9 trials of each kind (10)
 *   --cues N       cues of the generated .srt (200000)
 *   --budget S     seconds for the whole run (330); what does not fit is reported as not run
 *   --only A,B     only these attacks (names below, and `kill`)
 *   --keep         keep the temporary folder and print where it is
 */
const ATTACKS: { name: string; title: string; run: (suite: Suite) => Promise<Check[]> }[] = [
  { name: 'cross-site', title: '1. Cross-site writes', run: crossSite },
  { name: 'rebinding', title: '2. DNS rebinding and the bound address', run: rebinding },
  { name: 'regex', title: '3. Regular expressions that stall', run: regexStall },
  { name: 'blind', title: '6. Blind mode', run: blindMode },
  { name: 'bad-input', title: '8. Bad input', run: badInput },
  { name: 'batch-import', title: '9. Batch import killed and rerun', run: batchImport },
  { name: 'headers', title: '10. Security headers and consent form types', run: headers },
  // The slow ones last, so that a tight budget cuts them rather than the quick ones.
  { name: 'writers', title: '7. Writers sharing the store', run: sharedWriters },
  { name: 'event-loop', title: '4. Event loop under heavy work', run: eventLoop },
  { name: 'memory', title: '5. Memory: big upload, lying docx', run: memory },
];
const KILL_TRIALS = [
  { title: 'an import batch', run: importKillTrials },
  { title: 'coding writes', run: codingKillTrials },
  { title: 'a withdrawal', run: withdrawKillTrials },
];
/** Time kept for the kill -9 trials out of the budget. */
const KILL_RESERVE_S = 100;

function parseOptions(): { options: Options; keep: boolean } {
  const { values } = parseArgs({
    options: {
      trials: { type: 'string', default: '10' },
      cues: { type: 'string', default: '200000' },
      budget: { type: 'string', default: '330' },
      only: { type: 'string', default: '' },
      keep: { type: 'boolean', default: false },
    },
  });
  const positive = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a positive integer, got ${v}`);
    return n;
  };
  const only = (values.only ?? '').split(',').filter(Boolean);
  const known = [...ATTACKS.map((a) => a.name), 'kill'];
  const unknown = only.find((name) => !known.includes(name));
  if (unknown) throw new Error(`--only expects some of ${known.join(', ')}; got ${unknown}`);
  return {
    keep: values.keep ?? false,
    options: {
      trials: positive('trials', values.trials),
      cues: positive('cues', values.cues),
      budgetSeconds: positive('budget', values.budget),
      only,
    },
  };
}

/**
 * The attack's checks, or `not run` when the budget ends first: then its children are killed
 * and it may start no more, so it ends on its own, unheard.
 */
async function withinBudget(run: () => Promise<Check[]>, deadline: number, name: string): Promise<Check[]> {
  const started = Date.now();
  const attack = cancellable(run);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check[]>((resolve) => {
    timer = setTimeout(
      () => {
        attack.cancel();
        killAll();
        const spent = Math.round((Date.now() - started) / 1000);
        resolve([notRun(`${name}: stopped after ${spent} s, the time budget was spent (raise --budget)`)]);
      },
      Math.max(0, deadline - Date.now()),
    );
  });
  attack.result.catch(() => {});
  try {
    return await Promise.race([attack.result, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<number> {
  const { options, keep } = parseOptions();
  const started = Date.now();
  const elapsed = () => Math.round((Date.now() - started) / 1000);
  const report = new Report((line) => process.stdout.write(`${line}\n`));
  const ws = await Workspace.create();
  const cleanUp = async () => {
    killAll();
    if (keep) process.stdout.write(`kept ${ws.root}\n`);
    else await ws.dispose();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().then(() => process.exit(130)));
  try {
    process.stdout.write(
      `Koda reliability suite: node ${process.version}, ${cpus().length} cores, loopback only, ` +
        `${options.trials} kill -9 trials per kind, budget ${options.budgetSeconds} s\n`,
    );
    const seed = await buildSeed(ws);
    const deadline = started + options.budgetSeconds * 1000;
    const suite: Suite = { ws, seed, report, options, deadline };
    const wanted = (name: string) => options.only.length === 0 || options.only.includes(name);
    const attacksDeadline = wanted('kill') ? deadline - KILL_RESERVE_S * 1000 : deadline;
    for (const attack of ATTACKS.filter((a) => wanted(a.name))) {
      report.section(`${attack.title}  [t+${elapsed()} s]`);
      if (Date.now() > attacksDeadline) {
        report.add(notRun(`${attack.name}: the time budget was spent before it started`));
        continue;
      }
      try {
        report.add(...(await withinBudget(() => attack.run(suite), attacksDeadline, attack.name)));
      } catch (e) {
        report.add(notRun(`${attack.name}: ${(e as Error).message.split('\n')[0]}`));
      } finally {
        killAll();
      }
    }
    if (wanted('kill')) {
      report.section(`Kill -9 trials  [t+${elapsed()} s]`);
      for (const [i, kind] of KILL_TRIALS.entries()) {
        const share = (deadline - Date.now()) / (KILL_TRIALS.length - i);
        try {
          report.add(await kind.run(suite, Date.now() + share));
        } catch (e) {
          report.add(notRun(`kill -9 during ${kind.title}: ${(e as Error).message.split('\n')[0]}`));
        } finally {
          killAll();
        }
      }
    }
    const { line, ok } = report.summary();
    process.stdout.write(`\n${line} (${elapsed()} s)\n`);
    return ok ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

process.exitCode = await main().catch((e: Error) => {
  process.stderr.write(`reliability: ${e.message}\n`);
  killAll();
  return 1;
});
