import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AnalysisFilter, type CodingQueryResult, codingQueryApi } from '../codingQueryApi.js';
import { Modal } from '../components/Modal.js';
import { QuoteDownloads } from '../components/QuoteDownloads.js';
import { useCanCode, useProject } from '../project.js';
import { useRemembered } from '../queries/remember.js';
import { navigate } from '../router.js';
import { useUi } from '../ui.js';
import './codingQuery.css';
import { writeExpression } from './expression.js';
import { draftOfText, EMPTY_DRAFT, type QueryDraft } from './QueryBuilder.js';
import { PAGE_SIZE, QueryHits } from './QueryHits.js';
import { formError, SmartCodeDialog } from './SmartCodeDialog.js';
import { useSmartCodes } from './useSmartCodes.js';

/**
 * A smart code: its name, query and description, and the passages it finds now (evaluated live,
 * a page at a time). Coders may edit or delete it; anyone may open its query in the builder.
 */
export function SmartCodeView({ smartCode }: { smartCode: string }) {
  const { t } = useTranslation();
  const data = useProject();
  const { run, notify } = useUi();
  const [list, reloadList] = useSmartCodes();
  const canCode = useCanCode();
  const [offset, setOffset] = useState(0);
  const [result, setResult] = useState<CodingQueryResult | null>(null);
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const [, setDraft] = useRemembered<QueryDraft>(`${data.project}:codingQuery:draft`, EMPTY_DRAFT);
  const [, setFilter] = useRemembered<AnalysisFilter>(`${data.project}:codingQuery:filter`, {});
  const found = list?.find((s) => s.id === smartCode || s.name === smartCode);

  const load = useCallback(async () => {
    const r = await run(() => codingQueryApi.smartCodeHits(data.project, smartCode, { limit: PAGE_SIZE, offset }));
    if (r) setResult(r);
  }, [run, data.project, smartCode, offset]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => data.subscribe(() => void load()), [data, load]);

  if (list !== null && !found) {
    return (
      <section className="card">
        <h1>{t('codingQuery.smart.missing', { name: smartCode })}</h1>
      </section>
    );
  }
  return (
    <section className="card smart-code" aria-labelledby="smart-code-heading">
      <h1 id="smart-code-heading">
        <span className="swatch big" style={{ background: found?.color || undefined }} aria-hidden="true" />
        <span className="smart-icon" aria-hidden="true">
          ƒ
        </span>{' '}
        {found ? t('codingQuery.smart.heading1', { name: found.name }) : t('app.loading')}
      </h1>
      {found && (
        <>
          <p>
            {t('codingQuery.builder.expression')}: <code>{found.expression}</code>
          </p>
          {found.description && <p className="muted">{found.description}</p>}
          {found.hits === null && <p className="field-error">{t('codingQuery.smart.broken')}</p>}
          <div className="row">
            <button
              type="button"
              onClick={() => {
                setDraft(draftOfText(found.expression));
                setFilter(found.filter ?? {});
                navigate({ view: 'codingQuery', project: data.project });
              }}
            >
              {t('codingQuery.smart.openInBuilder')}
            </button>
            {canCode && (
              <>
                <button type="button" onClick={() => setDialog('edit')}>
                  {t('codingQuery.smart.edit')}
                </button>
                <button type="button" className="danger" onClick={() => setDialog('delete')}>
                  {t('codingQuery.smart.delete')}
                </button>
              </>
            )}
          </div>
        </>
      )}
      {found && result && result.total > 0 && (
        <QuoteDownloads project={data.project} of={{ expression: writeExpression([{ kind: 'smart', name: found.name }]) }} />
      )}
      {result ? <QueryHits result={result} offset={offset} onPage={setOffset} /> : <p>{t('app.loading')}</p>}
      {found && dialog === 'edit' && (
        <SmartCodeDialog
          title={t('codingQuery.smart.edit')}
          initial={{
            name: found.name,
            expression: found.expression,
            color: found.color || undefined,
            description: found.description,
          }}
          editExpression
          onClose={() => setDialog(null)}
          onSave={(fields) =>
            formError(async () => {
              await codingQueryApi.editSmartCode(data.project, found.id, {
                name: fields.name,
                expression: fields.expression,
                color: fields.color,
                description: fields.description,
              });
              await reloadList();
              await load();
            })
          }
        />
      )}
      {found && dialog === 'delete' && (
        <Modal open title={t('codingQuery.smart.confirmDelete', { name: found.name })} onClose={() => setDialog(null)}>
          <p>{t('codingQuery.smart.deleteDetail')}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setDialog(null)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="danger-button"
              onClick={async () => {
                setDialog(null);
                const deleted = await data.mutate(async () => {
                  await codingQueryApi.deleteSmartCode(data.project, found.id);
                  return true;
                });
                if (deleted) {
                  notify(t('codingQuery.smart.deleted', { name: found.name }));
                  navigate({ view: 'codingQuery', project: data.project });
                }
              }}
            >
              {t('codingQuery.smart.delete')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
