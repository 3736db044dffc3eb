import type { Translate } from '../../i18n/index.js';
import type { FilterDescription } from './analysisFilter.js';

/**
 * The analysis filter in words, for a report or a figure to state what it was built from:
 * "Filtered to the case sets Norr; stadsdel = Y; the participants’ words." Empty when the filter
 * rules nothing out.
 */
export function describeFilter(d: FilterDescription, t: Translate): string {
  const names = (list: string[]) => list.map((n) => `“${n}”`).join(', ');
  const parts = [
    d.sourceSets.length ? t('report|filter-source-sets', { names: names(d.sourceSets) }) : '',
    d.caseSets.length ? t('report|filter-case-sets', { names: names(d.caseSets) }) : '',
    d.sources.length ? t('report|filter-sources', { names: names(d.sources) }) : '',
    d.cases.length ? t('report|filter-cases', { names: names(d.cases) }) : '',
    ...d.attributes.map((a) => t('report|filter-attribute', a)),
    d.coders.length ? t('report|filter-coders', { names: names(d.coders) }) : '',
    d.speaker ? t(`report|filter-speaker-${d.speaker}`) : '',
  ].filter(Boolean);
  return parts.length ? t('report|filter', { parts: parts.join('; ') }) : '';
}
