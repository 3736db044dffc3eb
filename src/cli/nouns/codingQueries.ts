import type { Command } from 'commander';
import { deleteSmartCode } from '../../commands/deleteSmartCode.js';
import { listSmartCodes } from '../../commands/listSmartCodes.js';
import { type CodingQueryHit, runCodingQuery } from '../../commands/runCodingQuery.js';
import { saveSmartCode } from '../../commands/saveSmartCode.js';
import { smartCodeHits } from '../../commands/smartCodeHits.js';
import { filterFrom, withFilterOptions } from '../filterOptions.js';
import type { Output } from '../io.js';
import { integer } from '../session.js';
import type { Wire } from '../wire.js';

/**
 * `koda query` (a coding query, optionally saved as a smart code) and `koda smart-code
 * list|hits|remove`. Parsing and printing only; the commands do the work.
 */
export function codingQueryCommands(program: Command, wire: Wire) {
  withFilterOptions(
    program
      .command('query <expression>')
      .description(
        'a coding query over the codes: AND, OR, NOT, OVERLAPS, WITHIN, ENCLOSES, FOLLOWED BY … WITHIN n WORDS | IN SAME TURN, NEAR n; e.g. \'"hinder" AND media\'',
      )
      .requiredOption('--project <project>', 'project name or id')
      .option('--save <name>', 'also save it as a smart code with this name (with its filter)')
      .option('--limit <n>', 'most passages to show', integer, 500),
  ).action(
    wire(async ({ ctx, out, opts }, expression: string) => {
      const project = String(opts.project);
      const filter = filterFrom(opts);
      const r = await runCodingQuery(ctx, { project, expression, filter, limit: opts.limit as number });
      const saved = opts.save ? await saveSmartCode(ctx, { project, name: String(opts.save), expression, filter }) : null;
      out.result(r.hits.map(asJson), () => [
        ...hitTable(r.hits, out),
        out.t('cli|query.summary', { expression: r.expression, count: r.total, shown: r.hits.length }),
        ...(saved ? [out.t('cli|smart-code.saved', { name: saved.name })] : []),
      ]);
    }),
  );

  const smart = program.command('smart-code').description('smart codes: saved coding queries, live as coding changes');
  smart
    .command('list')
    .description('the smart codes with their queries and how many passages each finds now')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const { smartCodes } = await listSmartCodes(ctx, { project: String(opts.project) });
        out.result(smartCodes, () =>
          smartCodes.length === 0
            ? out.t('cli|none')
            : columns(
                [out.t('cli|smart-code.name'), out.t('cli|smart-code.hits'), out.t('cli|smart-code.query')],
                smartCodes.map((c) => [c.name, c.hits === null ? '!' : String(c.hits), c.expression]),
              ),
        );
        for (const c of smartCodes) if (c.problem) out.warn(`${c.name}: ${out.t(`errors|${c.problem}`, { smartCode: c.name })}`);
      }),
    );
  smart
    .command('hits <smartCode>')
    .description('the passages a smart code finds now')
    .requiredOption('--project <project>', 'project name or id')
    .option('--limit <n>', 'most passages to show', integer, 500)
    .action(
      wire(async ({ ctx, out, opts }, smartCode: string) => {
        const r = await smartCodeHits(ctx, { project: String(opts.project), smartCode, limit: opts.limit as number });
        out.result(r.hits.map(asJson), () => [
          ...hitTable(r.hits, out),
          out.t('cli|query.summary', { expression: r.expression, count: r.total, shown: r.hits.length }),
        ]);
      }),
    );
  smart
    .command('remove <smartCode>')
    .description('delete a smart code (the query only; the coding stays)')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }, smartCode: string) => {
        const r = await deleteSmartCode(ctx, { project: String(opts.project), smartCode });
        out.result(r, () => out.t('cli|smart-code.removed', { name: r.name }));
      }),
    );
}

/** A hit as `--json` gives it: source, case, speaker, code point offsets, text and codes. */
const asJson = (h: CodingQueryHit) => ({
  source: h.sourceName,
  case: h.caseName,
  speaker: h.speaker,
  start: h.start,
  end: h.end,
  text: h.text,
  codes: h.codes,
});

/** The passages as a table: case, source and place, then the text on one line. */
function hitTable(hits: readonly CodingQueryHit[], out: Output): string[] {
  if (hits.length === 0) return [out.t('cli|none')];
  const rows = hits.map((h) => [h.caseName ?? '-', `${h.sourceName} ${h.start}–${h.end}`]);
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => [...(r[i] as string)].length)));
  const pad = (s: string, n: number) => s + ' '.repeat(n - [...s].length);
  return hits.map((h, i) => {
    const [who, where] = rows[i] as [string, string];
    return `${pad(who, widths[0] as number)}  ${pad(where, widths[1] as number)}  “${oneLine(h.text)}”`;
  });
}

const oneLine = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length > 120 ? `${[...flat].slice(0, 119).join('')}…` : flat;
};

/** A header and rows: the first column left-aligned, the second (a count) right-aligned, the last as it is. */
function columns(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const width = (i: number) => Math.max(...all.map((r) => [...(r[i] as string)].length));
  const [w0, w1] = [width(0), width(1)];
  return all.map(([a = '', b = '', c = '']) =>
    `${a}${' '.repeat(w0 - [...a].length)}  ${' '.repeat(w1 - [...b].length)}${b}  ${c}`.trimEnd(),
  );
}
