import { useTranslation } from 'react-i18next';
import type { DocSegment } from '../../api.js';
import { codeColor } from '../../codeColors.js';
import { useProject } from '../../project.js';

/** The codes, coders and memos of the highlights or stripes under the pointer or the focus. */
export function HoverCard({
  ids,
  rect,
  segById,
  codeName,
}: {
  ids: string[];
  rect: DOMRect;
  segById: Map<string, DocSegment>;
  codeName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const data = useProject();
  const items = ids.map((id) => segById.get(id)).filter((s): s is DocSegment => s !== undefined);
  if (items.length === 0) return null;
  const below = rect.bottom + 8 + 40 * items.length < window.innerHeight;
  const style = below
    ? { left: Math.min(rect.left, window.innerWidth - 320), top: rect.bottom + 6 }
    : { left: Math.min(rect.left, window.innerWidth - 320), bottom: window.innerHeight - rect.top + 6 };
  return (
    <div className="hovercard" role="tooltip" style={style}>
      {items.map((s) => (
        <div key={s.id} className="hover-item">
          <span className="swatch" style={{ background: codeColor(data.flat, s.code) }} aria-hidden="true" />
          <strong>{codeName(s.code)}</strong> <span className="muted">{t('doc.by', { coder: s.coder })}</span>
          {s.memo && <div className="memo small">{s.memo.length > 200 ? `${s.memo.slice(0, 200)}…` : s.memo}</div>}
        </div>
      ))}
    </div>
  );
}
