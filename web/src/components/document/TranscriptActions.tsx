import { useTranslation } from 'react-i18next';
import { quotesApi } from '../../quotesApi.js';
import { saveDownload } from '../../refiApi.js';
import { useUi } from '../../ui.js';

/**
 * The document view's way out on paper: Print (the whole coded transcript, TranscriptPrint.tsx)
 * and the coded transcript as a file, HTML to print or save as PDF, or Word.
 */
export function TranscriptActions({ project, source }: { project: string; source: string }) {
  const { t, i18n } = useTranslation();
  const { run, notify } = useUi();
  const save = async (format: 'html' | 'docx') => {
    const file = await run(() => quotesApi.exportTranscript(project, source, format, i18n.language));
    if (!file) return;
    saveDownload(file);
    notify(t('queries.saved', { file: file.fileName }));
  };
  return (
    <span className="row tight">
      <button type="button" className="small-button" onClick={() => window.print()} title={t('quotesOut.printHint')}>
        {t('quotesOut.print')}
      </button>
      <button type="button" className="small-button" onClick={() => void save('html')} title={t('quotesOut.transcriptHtml')}>
        {t('quotesOut.transcript')}
      </button>
      <button type="button" className="small-button" onClick={() => void save('docx')}>
        {t('quotesOut.transcriptDocx')}
      </button>
    </span>
  );
}
