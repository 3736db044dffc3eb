import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unpackSegments } from '../../../src/core/segmentPage.js';
import { anyTouches } from '../actions.js';
import type { Segment } from '../api.js';
import { codeColor } from '../codeColors.js';
import { clockLabel } from '../media/clock.js';
import { useCanCode, useProject } from '../project.js';
import { useRemembered } from '../queries/remember.js';
import { queriesApi } from '../queriesApi.js';
import { href } from '../router.js';
import { type AnalysisFilter, settledFilter } from '../setsApi.js';
import { useUi } from '../ui.js';
import { FilterBar } from './FilterBar.js';
import { PlaySpan } from './media/PlaySpan.js';
import { QuoteDownloads } from './QuoteDownloads.js';
import { SuggestionsPanel } from './SuggestionsPanel.js';

/** Segments drawn at once, and added by each "Show more" (issue 17: a long list's first page at once). */
const FIRST_PAGE = 100;
const MORE_PAGE = 500;

/**
 * All segments of a code or category (with the codes below it), each with its source and case,
 * through the analysis filter (sets, an attribute value, the speaker's role), which the quote
 * downloads follow too. The first page shows at once; the rest a page at a time on request.
 */
export function RetrievalView({ code }: { code: string }) {
  const { t } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const [descendants, setDescendants] = useState(true);
  const [segments, setSegments] = useState<Segment[] | null>(null);
  // Where the next page begins (null: all shown), and how many there are when the server knows.
  const [next, setNext] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [fetchingMore, setFetchingMore] = useState(false);
  // A page asked for before the list was reloaded (another code, a change) is dropped.
  const generation = useRef(0);
  const [suggesting, setSuggesting] = useState(false);
  // Acting on suggestions is coding: a viewer is not offered it.
  const canCode = useCanCode();
  // One filter for the project's retrieval, kept as the researcher moves from code to code.
  const [filter, setFilter] = useRemembered<AnalysisFilter>(`${data.project}:retrieval:filter`, {});
  const node = data.codeById.get(code);

  const asked = useCallback(
    (limit: number, after?: string) =>
      queriesApi.segmentPage(data.project, { code, only: !descendants, coder: '', analysis: filter }, { limit, after }),
    [data.project, code, descendants, filter],
  );
  const load = useCallback(async () => {
    const mine = ++generation.current;
    const page = await run(() => asked(FIRST_PAGE));
    if (mine !== generation.current) return;
    setSegments(page ? unpackSegments(page) : []);
    setNext(page?.next ?? null);
    setTotal(page?.total ?? null);
  }, [run, asked]);
  const showMore = async () => {
    if (!next) return;
    const mine = generation.current;
    setFetchingMore(true);
    const page = await run(() => asked(MORE_PAGE, next));
    setFetchingMore(false);
    if (mine !== generation.current || !page) return;
    setSegments((shown) => [...(shown ?? []), ...unpackSegments(page)]);
    setNext(page.next);
  };

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () =>
      data.subscribe(
        (events) =>
          anyTouches(events, 'segments', 'codebook', 'coders', 'sources', 'texts', 'cases', 'attributes', 'sets') && void load(),
      ),
    [data, load],
  );

  const nodeId = node?.node.id;
  const { setActiveCode } = data;
  useEffect(() => {
    if (nodeId) setActiveCode(nodeId);
  }, [nodeId, setActiveCode]);

  const name = node?.node.name ?? code;
  const groups = new Map<string, Segment[]>();
  for (const s of segments ?? []) {
    const list = groups.get(s.source.id) ?? [];
    list.push(s);
    groups.set(s.source.id, list);
  }
  return (
    <section className="card retrieval">
      <h1>
        {node && <span className="swatch big" style={{ background: codeColor(data.flat, node.node.id) }} aria-hidden="true" />}
        {t('retrieval.heading', { code: name })}
      </h1>
      {node?.node.description && <p className="muted">{node.node.description}</p>}
      <div className="row">
        <label className="check">
          <input type="checkbox" checked={descendants} onChange={(e) => setDescendants(e.target.checked)} />
          {t('retrieval.descendants')}
        </label>
        <span className="muted" aria-live="polite">
          {segments &&
            (next === null
              ? t('retrieval.count', { count: segments.length })
              : total === null
                ? t('retrieval.shownSoFar', { shown: segments.length })
                : t('retrieval.shown', { shown: segments.length, count: total }))}
        </span>
      </div>
      <FilterBar value={filter} onChange={setFilter} />
      {segments && segments.length > 0 && (
        <QuoteDownloads project={data.project} of={{ code, only: !descendants, filter: settledFilter(filter) }} />
      )}
      {canCode && segments && segments.length > 0 && (
        <div className="row">
          <button type="button" aria-expanded={suggesting} onClick={() => setSuggesting(!suggesting)}>
            {t(suggesting ? 'suggest.close' : 'suggest.open')}
          </button>
        </div>
      )}
      {canCode && suggesting && <SuggestionsPanel project={data.project} code={node?.node.id ?? code} name={name} />}
      {segments === null ? (
        <p>{t('app.loading')}</p>
      ) : segments.length === 0 ? (
        <p className="muted">{t('retrieval.none')}</p>
      ) : (
        [...groups.values()].map((list) => {
          const first = list[0] as Segment;
          return (
            <section key={first.source.id} className="group">
              <h2>
                {first.source.name}
                {first.case && <span className="muted"> · {first.case.name}</span>}
              </h2>
              <ol className="segments">
                {list.map((s) => (
                  <li key={s.id}>
                    <div className="seg-meta small">
                      <span
                        className="swatch"
                        style={{ background: data.codeById.has(s.code.id) ? codeColor(data.flat, s.code.id) : s.code.color }}
                        aria-hidden="true"
                      />
                      <span>{data.codeById.get(s.code.id)?.node.name ?? s.code.name}</span>
                      {s.speaker && <span className="muted">{t('retrieval.speaker', { speaker: s.speaker })}</span>}
                      {s.span ? (
                        <PlaySpan project={data.project} source={s.source.id} span={s.span} />
                      ) : (
                        s.startMs !== null && <span className="muted">{clockLabel(s.startMs)}</span>
                      )}
                      {s.case && s.case.id !== first.case?.id && <span className="muted">{s.case.name}</span>}
                      <span className="muted">{t('doc.by', { coder: s.coder })}</span>
                    </div>
                    <blockquote className="quote">{s.text}</blockquote>
                    {s.memo && <p className="memo small">{s.memo}</p>}
                    <a
                      href={href({ view: 'document', project: data.project, source: s.source.id, segment: s.id })}
                      aria-label={t('retrieval.jumpLabel', { source: s.source.name, start: s.start, end: s.end })}
                    >
                      {t('retrieval.jump')}
                    </a>
                  </li>
                ))}
              </ol>
            </section>
          );
        })
      )}
      {next !== null && (
        <div className="row">
          <button type="button" onClick={() => void showMore()} disabled={fetchingMore}>
            {t('retrieval.more')}
          </button>
        </div>
      )}
    </section>
  );
}
