import type { Command } from 'commander';
import { caseComparison } from '../../commands/caseComparison.js';
import { codeMap } from '../../commands/codeMap.js';
import { documentPortrait } from '../../commands/documentPortrait.js';
import { exportPicture, PICTURES, type PictureKind } from '../../commands/exportPicture.js';
import type { AnalysisFilter } from '../../commands/helpers/analysisFilter.js';
import { invalid } from '../../core/errors.js';
import { percent } from '../../core/pictures/comparison.js';
import { setFilterFrom, withSetFilter } from '../filterOptions.js';
import type { Output } from '../io.js';
import type { Wire } from '../wire.js';
import { textTable, writeWhole } from './queries.js';

interface ChartOptions {
  project: string;
  source?: string;
  mode: string;
  rows: string;
  by?: string;
  out?: string;
}

/**
 * `koda chart codemap|portrait|comparison`: the pictures of the coding written to an .svg or
 * .png file with --out, else their figures as a table (or JSON). Parsing and printing only.
 */
export function pictureCommands(program: Command, wire: Wire) {
  withSetFilter(program.command('chart <kind>'))
    .description(
      'a picture of the coding: codemap (codes and how often they occur together), portrait (where each code falls in one transcript) or comparison (themes by case); --out FILE.svg|.png writes it',
    )
    .requiredOption('--project <project>', 'project name or id')
    .option('--source <source>', 'for portrait: the transcript')
    .option('--mode <mode>', 'for codemap: together as overlap, turn or paragraph', 'overlap')
    .option('--rows <level>', 'for comparison: themes or categories', 'themes')
    .option('--by <coder>', 'only this coder’s segments')
    .option('--out <file>', 'write the picture to an .svg or .png file')
    .action(
      wire(async ({ ctx, out, opts }, kind: string) => {
        const o = opts as unknown as ChartOptions;
        if (!PICTURES.includes(kind as PictureKind))
          throw invalid('input.invalid', { field: 'kind', problem: PICTURES.join(', ') });
        const common = { project: String(o.project), coder: o.by, filter: setFilterFrom(opts) };
        if (o.out) {
          const file = String(o.out);
          const format = /\.png$/i.test(file) ? 'png' : /\.svg$/i.test(file) ? 'svg' : null;
          if (!format) throw invalid('picture.format', { file });
          const picture = await exportPicture(ctx, {
            ...common,
            kind: kind as PictureKind,
            format,
            source: o.source,
            mode: o.mode as 'overlap',
            rows: o.rows as 'themes',
          });
          await writeWhole(file, picture.bytes);
          const { bytes: _bytes, ...rest } = picture;
          out.result({ ...rest, file }, () => out.t('pictures|written', { file, width: picture.width, height: picture.height }));
          return;
        }
        await printFigures(out, kind as PictureKind, common, o, ctx);
      }),
    );
}

type Ctx = Parameters<typeof codeMap>[0];

/** The picture's figures: what it draws, as a table. */
async function printFigures(
  out: Output,
  kind: PictureKind,
  common: { project: string; coder?: string; filter?: AnalysisFilter },
  o: ChartOptions,
  ctx: Ctx,
) {
  if (kind === 'codemap') {
    const { scene: _s, ...map } = await codeMap(ctx, { ...common, mode: o.mode as 'overlap' });
    const name = new Map(map.codes.map((c) => [c.id, c.name]));
    out.result(map, () => [
      ...textTable(map.codes.map((c) => [c.name, String(c.segments)])),
      '',
      ...textTable(map.pairs.map((p) => [`${name.get(p.a)} — ${name.get(p.b)}`, String(p.weight)])),
    ]);
  } else if (kind === 'portrait') {
    if (!o.source) throw invalid('picture.needs-source');
    const { filter: _f, ...one } = common;
    const { scene: _s, ...portrait } = await documentPortrait(ctx, { ...one, source: o.source });
    out.result(portrait, () =>
      textTable(
        portrait.codes.map((c) => [
          c.name,
          portrait.segments
            .filter((s) => s.code === c.id)
            .map((s) => `${s.start}–${s.end}`)
            .join(' '),
        ]),
      ),
    );
  } else {
    const { scene: _s, ...comparison } = await caseComparison(ctx, { ...common, rows: o.rows as 'themes' });
    out.result(comparison, () =>
      textTable([
        ['', ...comparison.columns.map((c) => c.label)],
        ...comparison.rows.map((r, i) => [r.name, ...(comparison.shares[i] ?? []).map(percent)]),
      ]),
    );
  }
}
