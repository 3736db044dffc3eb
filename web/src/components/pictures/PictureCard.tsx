import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scene, Target } from '../../../../src/core/pictures/scene.js';
import { type PictureQuery, picturesApi } from '../../picturesApi.js';
import { useProject } from '../../project.js';
import { useRemembered } from '../../queries/remember.js';
import { saveDownload } from '../../refiApi.js';
import type { PictureTab } from '../../router.js';
import { useUi } from '../../ui.js';
import { SceneSvg } from './SceneSvg.js';

/**
 * A picture in its card: the drawing, or (Show as table) the same figures as a table, and its
 * downloads as SVG and PNG, drawn on the server from the same scene. Whether the table shows is
 * remembered per project.
 */
export function PictureCard({
  kind,
  scene,
  query,
  table,
  onPick,
  selected,
}: {
  kind: PictureTab;
  scene: Scene;
  query: PictureQuery;
  table: ReactNode;
  onPick?: (target: Target) => void;
  selected?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const { run, notify } = useUi();
  const [asTable, setAsTable] = useRemembered(`${data.project}:pictures:table`, false);
  const download = async (format: 'svg' | 'png') => {
    const file = await run(() => picturesApi.file(data.project, kind, query, format, i18n.language));
    if (!file) return;
    saveDownload(file);
    notify(t('pictures.saved', { file: file.fileName }));
  };
  return (
    <div className="card picture-card" data-picture={kind}>
      <div className="row picture-tools">
        <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? t('pictures.showPicture') : t('pictures.showTable')}
        </button>
        <span className="muted small">{t('pictures.download')}</span>
        {(['svg', 'png'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="small-button"
            aria-label={t('pictures.downloadLabel', { format: format.toUpperCase() })}
            onClick={() => void download(format)}
          >
            {t(format === 'svg' ? 'pictures.downloadSvg' : 'pictures.downloadPng')}
          </button>
        ))}
      </div>
      {asTable ? (
        <div className="table-scroll">{table}</div>
      ) : (
        <SceneSvg scene={scene} label={t('pictures.pictureLabel', { title: scene.title })} onPick={onPick} selected={selected} />
      )}
    </div>
  );
}
