import { useTranslation } from 'react-i18next';
import type { CodingQueryResult } from '../codingQueryApi.js';
import { useProject } from '../project.js';
import { href } from '../router.js';

/** Hits shown at once; the rest a page at a time. */
export const PAGE_SIZE = 50;

/**
 * One page of a coding query's hits (a query run in the builder, or a smart code's): each with
 * its source, case, speaker, the codes that made it and its text, and a link that opens the
 * document with the passage selected. `offset` is the index of the page's first hit.
 */
export function QueryHits({
  result,
  offset,
  onPage,
}: {
  result: CodingQueryResult;
  offset: number;
  onPage(offset: number): void;
}) {
  const { t } = useTranslation();
  const data = useProject();
  const last = Math.min(result.total, offset + result.hits.length);
  return (
    <section className="query-hits" aria-label={t('codingQuery.hits.heading')}>
      <p className="muted" aria-live="polite" data-testid="query-total">
        {result.total === 0
          ? t('codingQuery.hits.none')
          : t('codingQuery.hits.range', { first: offset + 1, last, count: result.total })}
      </p>
      <ol className="segments" start={offset + 1}>
        {result.hits.map((hit) => (
          <li key={`${hit.sourceId}:${hit.start}:${hit.end}`}>
            <div className="seg-meta small">
              <span>{hit.sourceName}</span>
              {hit.caseName && <span className="muted">· {hit.caseName}</span>}
              {hit.speaker && <span className="muted">{t('retrieval.speaker', { speaker: hit.speaker })}</span>}
              {hit.codes.length > 0 && (
                <span className="muted">{t('codingQuery.hits.codes', { codes: hit.codes.join(', ') })}</span>
              )}
            </div>
            <blockquote className="quote">{hit.text}</blockquote>
            <a
              href={href({
                view: 'document',
                project: data.project,
                source: hit.sourceId,
                segment: null,
                at: { start: hit.start, end: hit.end },
              })}
              aria-label={t('retrieval.jumpLabel', { source: hit.sourceName, start: hit.start, end: hit.end })}
            >
              {t('retrieval.jump')}
            </a>
          </li>
        ))}
      </ol>
      {result.total > PAGE_SIZE && (
        <div className="row">
          <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - PAGE_SIZE))}>
            {t('codingQuery.hits.previous')}
          </button>
          <button type="button" disabled={last >= result.total} onClick={() => onPage(offset + PAGE_SIZE)}>
            {t('codingQuery.hits.next')}
          </button>
        </div>
      )}
    </section>
  );
}
