import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { paragraphs } from '../../../../src/core/queries/paragraphs.js';
import { api, type Segment } from '../../api.js';
import { codeColor } from '../../codeColors.js';
import type { TogetherMode } from '../../picturesApi.js';
import { useProject } from '../../project.js';
import { overlapPlaces, type Place, sharedSources, unitPlaces } from '../../queries/cooccurring.js';
import { queriesApi } from '../../queriesApi.js';
import { href } from '../../router.js';
import type { AnalysisFilter } from '../../setsApi.js';
import { useUi } from '../../ui.js';
import { SegmentList } from '../SegmentList.js';

/** What was picked in the code map: one code, or a pair of codes. */
export type MapPick = { kind: 'code'; code: string } | { kind: 'pair'; a: string; b: string };

/**
 * The segments behind what was picked in the code map: a code's own segments, or the places a
 * pair counts in the map's sense of together (web/src/queries/cooccurring.ts, as the
 * co-occurrence view lists a cell). The heading takes the focus when the list arrives.
 */
export function Passages({
  pick,
  mode,
  coder,
  filter,
  name,
  onClose,
}: {
  pick: MapPick;
  mode: TogetherMode;
  coder: string;
  /** The map's analysis filter: the passages listed are those it counted. */
  filter: AnalysisFilter;
  name: (id: string) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const heading = useRef<HTMLHeadingElement>(null);
  const [segments, setSegments] = useState<Segment[] | null>(null);
  const [places, setPlaces] = useState<Place<Segment>[] | null>(null);

  useEffect(() => {
    let stale = false;
    setSegments(null);
    setPlaces(null);
    void (async () => {
      if (pick.kind === 'code') {
        const found = await run(() =>
          queriesApi.segments(data.project, { code: pick.code, only: true, coder, analysis: filter }),
        );
        if (!stale && found) setSegments(found);
        return;
      }
      const found = await run(async () => {
        const [a, b] = await Promise.all([
          queriesApi.segments(data.project, { code: pick.a, only: true, coder, analysis: filter }),
          queriesApi.segments(data.project, { code: pick.b, only: true, coder, analysis: filter }),
        ]);
        if (mode === 'overlap') return overlapPlaces(a, b);
        const units = new Map<string, { start: number; end: number }[]>();
        for (const id of sharedSources(a, b)) {
          const source = await api.source(data.project, id);
          units.set(id, mode === 'turn' ? source.turns : paragraphs(source.text));
        }
        return unitPlaces(units, a, b);
      });
      if (!stale && found) setPlaces(found);
    })();
    return () => {
      stale = true;
    };
  }, [pick, mode, coder, filter, run, data.project]);

  const ready = pick.kind === 'code' ? segments !== null : places !== null;
  useEffect(() => {
    if (ready) heading.current?.focus();
  }, [ready]);

  const title =
    pick.kind === 'code'
      ? t('pictures.codemap.codeHeading', { code: name(pick.code) })
      : t('pictures.codemap.pairHeading', { a: name(pick.a), b: name(pick.b) });
  return (
    <section className="card" aria-labelledby="passages-heading" data-testid="map-passages">
      <div className="panel-head">
        <h2 id="passages-heading" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="small-button" onClick={onClose}>
          {t('pictures.close')}
        </button>
      </div>
      {!ready ? (
        <p>{t('app.loading')}</p>
      ) : pick.kind === 'code' ? (
        <>
          <p className="muted small">{t('pictures.segmentsCount', { count: segments?.length ?? 0 })}</p>
          <SegmentList segments={segments ?? []} />
        </>
      ) : (
        <>
          <p className="muted small">{t(`queries.cooccurrence.places.${mode}`, { count: places?.length ?? 0 })}</p>
          <ol className="segments">
            {(places ?? []).map((place) => (
              <li key={`${place.source.id}:${place.start}:${place.a[0]?.id}:${place.b[0]?.id}`}>
                <div className="seg-meta small">
                  <strong>{place.source.name}</strong>
                  {(place.a[0] ?? place.b[0])?.case && <span className="muted">{(place.a[0] ?? place.b[0])?.case?.name}</span>}
                </div>
                <div className="sides two">
                  {(['a', 'b'] as const).map((side) => (
                    <div key={side} className="side">
                      <p className="side-title">
                        <span className="swatch" style={{ background: codeColor(data.flat, pick[side]) }} aria-hidden="true" />{' '}
                        {name(pick[side])}
                      </p>
                      {place[side].map((s) => (
                        <blockquote key={s.id} className="quote small">
                          {s.text}
                        </blockquote>
                      ))}
                    </div>
                  ))}
                </div>
                <a
                  href={href({
                    view: 'document',
                    project: data.project,
                    source: place.source.id,
                    segment: null,
                    at: { start: place.start, end: place.end },
                  })}
                  aria-label={t('queries.jumpLabel', { source: place.source.name, start: place.start, end: place.end })}
                >
                  {t('retrieval.jump')}
                </a>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
