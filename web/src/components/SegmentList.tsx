import { useTranslation } from 'react-i18next';
import type { Segment } from '../api.js';
import { codeColor } from '../codeColors.js';
import { useProject } from '../project.js';
import { href } from '../router.js';

/** Coded segments as quotes, each with its source, case, code and a link to it in the document. */
export function SegmentList({ segments }: { segments: Segment[] }) {
  const { t } = useTranslation();
  const data = useProject();
  return (
    <ol className="segments">
      {segments.map((s) => {
        const code = data.codeById.get(s.code.id)?.node;
        return (
          <li key={s.id}>
            <div className="seg-meta small">
              <span
                className="swatch"
                style={{ background: code ? codeColor(data.flat, code.id) : s.code.color }}
                aria-hidden="true"
              />
              <span>{code?.name ?? s.code.name}</span>
              <span className="muted">
                {s.source.name}
                {s.case ? ` · ${s.case.name}` : ''}
              </span>
              {s.speaker && <span className="muted">{t('retrieval.speaker', { speaker: s.speaker })}</span>}
              <span className="muted">{t('doc.by', { coder: s.coder })}</span>
            </div>
            <blockquote className="quote">{s.text}</blockquote>
            <a
              href={href({ view: 'document', project: data.project, source: s.source.id, segment: s.id })}
              aria-label={t('retrieval.jumpLabel', { source: s.source.name, start: s.start, end: s.end })}
            >
              {t('retrieval.jump')}
            </a>
          </li>
        );
      })}
    </ol>
  );
}
