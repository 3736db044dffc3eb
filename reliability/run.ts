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
interface Attack {
  name: string;
  title: string;
  run: (suite: Suite) => Promise<Check[]>;
  /** Measures time or memory, so it runs with nothing beside it; the others run two at a time. */
  alone?: boolean;
}

const ATTACKS: Attack[] = [
  { name: 'cross-site', title: '1. Cross-site writes', run: crossSite },
  { name: 'rebinding', title: '2. DNS rebinding and the bound address', run: rebinding },
  { name: 'blind', title: '6. Blind mode', run: blindMode },
  { name: 'bad-input', title: '8. Bad input', run: badInput },
  { name: 'batch-import', title: '9. Batch import killed and rerun', run: batchImport },
  { name: 'headers', title: '10. Security headers and consent form types', run: headers },
  // Cheapest first, so that a tight budget cuts the slowest.
  { name: 'regex', title: '3. Regular expressions that stall', run: regexStall, alone: true },
  { name: 'memory', title: '5. Memory: big upload, lying docx', run: memory, alone: true },
  { name: 'writers', title: '7. Writers sharing the store', run: sharedWriters, alone: true },
  { name: 'event-loop', title: '4. Event loop under heavy work', run: eventLoop, alone: true },
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
 * Runs one piece of work to its end or to the deadline, as report lines: `not run` when it
 * could not start, failed, or ran out of time. Its children are killed either way.
 */
async function attempt(name: string, run: () => Promise<Check[]>, deadline: number): Promise<Check[]> {
  if (Date.now() > deadline) return [notRun(`${name}: the time budget was spent before it started`)];
  const started = Date.now();
  const work = cancellable(run);
  work.result.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check[]>((resolve) => {
    timer = setTimeout(() => {
      const spent = Math.round((Date.now() - started) / 1000);
      resolve([notRun(`${name}: stopped after ${spent} s, the time budget was spent (raise --budget)`)]);
    }, deadline - Date.now());
  });
  try {
    return await Promise.race([work.result, timeout]);
  } catch (e) {
    return [notRun(`${name}: ${(e as Error).message.split('\n')[0]}`)];
  } finally {
    clearTimeout(timer);
    work.cancel();
  }
}

/** Runs `items` through `run`, `lanes` at a time, in order. */
async function inLanes<T>(items: T[], lanes: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const lane = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
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
    const suite: Suite = { ws, seed, options, deadline };
    const wanted = (name: string) => options.only.length === 0 || options.only.includes(name);
    const attacksDeadline = wanted('kill') ? deadline - KILL_RESERVE_S * 1000 : deadline;
    // Each attack's lines come together when it ends (two may run at once).
    const runAttack = async (attack: Attack) => {
      const start = elapsed();
      const checks = await attempt(attack.name, () => attack.run(suite), attacksDeadline);
      report.section(`${attack.title}  [t+${start} s, ${elapsed() - start} s]`);
      report.add(...checks);
    };
    const attacks = ATTACKS.filter((a) => wanted(a.name));
    await inLanes(
      attacks.filter((a) => !a.alone),
      2,
      runAttack,
    );
    await inLanes(
      attacks.filter((a) => a.alone),
      1,
      runAttack,
    );
    if (wanted('kill')) {
      // The three kinds run side by side: a crash's outcome does not depend on the machine's speed.
      const start = elapsed();
      const results = await Promise.all(
        KILL_TRIALS.map(async (kind) =>
          attempt(`kill -9 during ${kind.title}`, async () => [await kind.run(suite, deadline)], deadline + 60_000),
        ),
      );
      report.section(`Kill -9 trials  [t+${start} s, ${elapsed() - start} s]`);
      report.add(...results.flat());
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
