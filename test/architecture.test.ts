import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { beforeAll, describe, expect, it } from 'vitest';

/** The layering of docs/architecture.md, as the rules in .dependency-cruiser.cjs state it. */
let result: ICruiseResult;

beforeAll(async () => {
  const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
  const output = await cruise(['src', 'web/src'], options, undefined, { tsConfig: extractTSConfig('tsconfig.json') });
  result = output.output as ICruiseResult;
}, 60_000);

describe('the layering', () => {
  it('holds: no import breaks a rule', () => {
    const breaches = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(breaches).toEqual([]);
  });

  it('is checked on every layer, type-only imports included', () => {
    // Guards the check itself: a folder it no longer reads, or type imports it no longer sees,
    // would let breaches through unnoticed.
    const sources = result.modules.map((m) => m.source);
    for (const layer of [
      'src/core/',
      'src/store/',
      'src/commands/',
      'src/commands/helpers/',
      'src/formats/',
      'src/cli/',
      'src/server/',
      'src/i18n/',
      'web/src/',
    ])
      expect(
        sources.some((s) => s.startsWith(layer)),
        layer,
      ).toBe(true);
    const typeOnly = result.modules.flatMap((m) => m.dependencies).filter((d) => d.dependencyTypes.includes('type-only'));
    expect(typeOnly.length).toBeGreaterThan(0);
  });
});
