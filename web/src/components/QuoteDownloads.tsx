import { useTranslation } from 'react-i18next';
import { QUOTE_FORMATS, type QuotesOf, quotesApi } from '../quotesApi.js';
import { saveDownload } from '../refiApi.js';
import { useUi } from '../ui.js';

/**
 * Buttons that download the quotes of a code or a matrix cell as Word, Excel or csv (each quote
 * with its source, case, speaker, coder and memo), in the language of the interface.
 */
export function QuoteDownloads({ project, of }: { project: string; of: QuotesOf }) {
  const { t, i18n } = useTranslation();
  const { run, notify } = useUi();
  const save = async (format: (typeof QUOTE_FORMATS)[number]) => {
    const file = await run(() => quotesApi.exportQuotes(project, of, format, i18n.language));
    if (!file) return;
    saveDownload(file);
    notify(t('quotesOut.saved', { file: file.fileName, count: file.quotes }));
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons, not a form's fieldset
    <div className="row tight" role="group" aria-label={t('quotesOut.group')}>
      {QUOTE_FORMATS.map((f) => (
        <button key={f} type="button" className="small-button" onClick={() => void save(f)}>
          {t(`quotesOut.${f}`)}
        </button>
      ))}
    </div>
  );
}
