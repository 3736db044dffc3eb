import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CodingQueryHit, codingQueryApi } from '../codingQueryApi.js';
import { useProject } from '../project.js';
import { type AnalysisFilter, settledFilter } from '../setsApi.js';
import { useUi } from '../ui.js';
import { writeExpression } from './expression.js';
import { PAGE_SIZE, QueryHits } from './QueryHits.js';

/** Most passages a matrix cell of a smart code lists. */
const MOST = 10_000;

/**
 * The passages behind a matrix cell whose row is a smart code: the smart code's hits (in the
 * matrix's coding layer, as the matrix counts them) whose case lies in the cell's column
 * (`inColumn`, the same test the matrix's code cells use; kept the same between renders, as the
 * passages are asked for again when it changes), through the matrix's analysis filter, a page at a time.
 */
export function SmartCellHits({
  smartCode,
  coder,
  filter,
  inColumn,
}: {
  smartCode: string;
  coder: string;
  /** The matrix's analysis filter, which its count went through. */
  filter?: AnalysisFilter;
  inColumn(caseId: string | null): boolean;
}) {
  const { t } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const [hits, setHits] = useState<CodingQueryHit[] | null>(null);
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    let stale = false;
    setHits(null);
    setOffset(0);
    const expression = writeExpression([{ kind: 'smart', name: smartCode }]);
    void run(() =>
      codingQueryApi.run(
        data.project,
        expression,
        { ...settledFilter(filter), ...(coder ? { coders: [coder] } : {}) },
        { limit: MOST, offset: 0 },
      ),
    ).then((r) => {
      if (!stale && r) setHits(r.hits.filter((h) => inColumn(h.caseId)));
    });
    return () => {
      stale = true;
    };
  }, [run, data.project, smartCode, coder, filter, inColumn]);
  if (hits === null) return <p>{t('app.loading')}</p>;
  const page = hits.slice(offset, offset + PAGE_SIZE);
  return <QueryHits result={{ expression: smartCode, total: hits.length, hits: page }} offset={offset} onPage={setOffset} />;
}
