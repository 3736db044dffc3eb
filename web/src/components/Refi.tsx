import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanCode, useMay, useProject } from '../project.js';
import { type RefiImportResult, refiApi, type SummaryItem, saveDownload } from '../refiApi.js';
import { href } from '../router.js';
import { useUi } from '../ui.js';

/**
 * REFI-QDA on the overview: export the project (its owner) or its codebook (anyone who reads it),
 * import a codebook into it (those who may change the codebook).
 */
export function RefiExchange() {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const mayExportProject = useMay('owner');
  const canCode = useCanCode();
  const { run, notify } = useUi();
  const [exported, setExported] = useState<{ fileName: string; summary: SummaryItem[] } | null>(null);
  const [imported, setImported] = useState<{ file: string; result: RefiImportResult } | null>(null);

  const exportAs = async (format: 'qdpx' | 'qdc') => {
    const download = await run(() => refiApi.exportFile(data.project, format, i18n.language === 'sv' ? 'sv' : 'en'));
    if (!download) return;
    saveDownload(download);
    setExported({ fileName: download.fileName, summary: download.summary });
    notify(t('refi.exported', { file: download.fileName }));
  };

  return (
    <section className="card" aria-labelledby="refi-heading">
      <h2 id="refi-heading">{t('refi.heading')}</h2>
      <p className="muted small">{t('refi.intro')}</p>
      <div className="row tight">
        {mayExportProject && (
          <button type="button" onClick={() => void exportAs('qdpx')}>
            {t('refi.exportProject')}
          </button>
        )}
        <button type="button" onClick={() => void exportAs('qdc')}>
          {t('refi.exportCodebook')}
        </button>
      </div>
      {exported && exported.summary.length > 0 && (
        <div className="summary-box" aria-live="polite">
          <p>{t('refi.notInFile', { file: exported.fileName })}</p>
          <SummaryList items={exported.summary} />
        </div>
      )}
      {canCode && (
        <UploadForm
          heading={t('refi.importCodebook')}
          label={t('refi.codebookFile')}
          accept=".qdc"
          button={t('refi.importCodebookButton')}
          onUpload={(file, progress) => refiApi.importFile(file, { into: data.project }, progress)}
          onDone={(file, result) => {
            setImported({ file, result });
            void data.reload(['codebook']);
          }}
        />
      )}
      {imported && <ImportSummary file={imported.file} result={imported.result} onClose={() => setImported(null)} />}
    </section>
  );
}

/** On the project list: a .qdpx project or .qdc codebook from another program, as a new project. */
export function RefiImport({ onImported }: { onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [imported, setImported] = useState<{ file: string; result: RefiImportResult } | null>(null);
  const nameId = useId();
  return (
    <>
      <UploadForm
        heading={t('refi.importProject')}
        label={t('refi.projectFile')}
        accept=".qdpx,.qdc"
        extra={
          <label htmlFor={nameId}>
            {t('refi.newName')}
            <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        }
        onUpload={(file, progress) =>
          refiApi.importFile(file, { name: name.trim() || undefined, language: i18n.language === 'sv' ? 'sv' : 'en' }, progress)
        }
        onDone={(file, result) => {
          setImported({ file, result });
          setName('');
          onImported();
        }}
      />
      {imported && <ImportSummary file={imported.file} result={imported.result} onClose={() => setImported(null)} />}
    </>
  );
}

function UploadForm({
  heading,
  label,
  accept,
  button,
  extra,
  onUpload,
  onDone,
}: {
  heading: string;
  label: string;
  accept: string;
  button?: string;
  extra?: React.ReactNode;
  onUpload: (file: File, progress: (fraction: number) => void) => Promise<RefiImportResult>;
  onDone: (fileName: string, result: RefiImportResult) => void;
}) {
  const { t } = useTranslation();
  const { run } = useUi();
  const fileRef = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const headingId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    setProgress(0);
    const result = await run(() => onUpload(file, setProgress));
    setProgress(null);
    if (!result) return;
    if (fileRef.current) fileRef.current.value = '';
    onDone(file.name, result);
  };

  return (
    <form className="row import" onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId} className="row-title">
        {heading}
      </h3>
      <label>
        {label}
        <input ref={fileRef} type="file" accept={accept} required />
      </label>
      {extra}
      <button type="submit" className="primary" disabled={progress !== null}>
        {button ?? t('refi.importButton')}
      </button>
      {progress !== null && (
        <div className="progress">
          <progress max={1} value={progress} aria-label={heading} />
          <span>
            {progress < 1 ? t('overview.uploading', { percent: Math.round(progress * 100) }) : t('overview.processing')}
          </span>
        </div>
      )}
    </form>
  );
}

/** What an import brought over, and, plainly, everything that did not come over as it was. */
export function ImportSummary({ file, result, onClose }: { file: string; result: RefiImportResult; onClose: () => void }) {
  const { t } = useTranslation();
  const counts = Object.entries(result.counts).filter(([, n]) => n > 0);
  return (
    <section className="summary-box" aria-labelledby="import-summary-heading" data-testid="import-summary">
      <h3 id="import-summary-heading">{t('refi.summaryHeading', { file })}</h3>
      <p>
        {result.project.created
          ? t('refi.newProject', { project: result.project.name })
          : t('refi.intoProject', { project: result.project.name })}
        {result.origin ? ` ${t('refi.from', { origin: result.origin })}` : ''}
      </p>
      <h4>{t('refi.cameOver')}</h4>
      <ul className="plain-list">
        {counts.map(([kind, n]) => (
          <li key={kind}>{t(`refi.counts.${kind}`, { count: n, defaultValue: `${kind}: ${n}` })}</li>
        ))}
      </ul>
      <h4>{t('refi.notCarried')}</h4>
      {result.summary.length === 0 ? <p>{t('refi.nothingLost')}</p> : <SummaryList items={result.summary} />}
      <div className="row tight">
        {result.project.created && (
          <a href={href({ view: 'overview', project: result.project.id })}>
            {t('refi.openProject', { project: result.project.name })}
          </a>
        )}
        <button type="button" className="small-button" onClick={onClose}>
          {t('refi.close')}
        </button>
      </div>
    </section>
  );
}

function SummaryList({ items }: { items: SummaryItem[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list not-carried">
      {items.map((item) => (
        <li key={item.kind}>
          {item.message}
          {item.examples.length > 0 && (
            <span className="muted small"> — {t('refi.examples', { examples: item.examples.join(', ') })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
