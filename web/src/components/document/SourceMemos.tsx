import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ObjectMemos } from '../../memos/ObjectMemos.js';

/** The memos on the source shown, in the document's side panel. */
export function SourceMemos({ source, name }: { source: string; name: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="side-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('memos.here')}</h2>
      <ObjectMemos key={source} target="source" on={source} name={name} heading="h3" />
    </section>
  );
}
