import type { TFunction } from 'i18next';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Attribute, api, type Case, type SourcePreview, type SourceSummary } from '../api.js';
import { useCanCode, useMay, useProject } from '../project.js';
import { href } from '../router.js';
import { SetsPanel } from '../sets/SetsPanel.js';
import { useUi } from '../ui.js';
import { warningText } from '../warnings.js';
import { Modal } from './Modal.js';
import { RecordingUpload } from './media/RecordingUpload.js';
import { RefiExchange } from './Refi.js';

/**
 * The project at a glance: sources with their case, cases with their attributes (editable in
 * place). What a control would change needs its role (src/commands/actions.ts): a viewer reads.
 */
export function Overview() {
  const { t } = useTranslation();
  const data = useProject();
  const canCode = useCanCode();
  return (
    <div className="overview">
      <h1 className="sr-only">{t('app.overview')}</h1>
      <Sources />
      <section className="card" aria-labelledby="cases-heading">
        <h2 id="cases-heading">{t('overview.cases')}</h2>
        {data.cases.length === 0 ? <p className="muted">{t('overview.noCases')}</p> : <CasesTable />}
        {canCode && <AddCase />}
        {canCode && <AddAttribute />}
      </section>
      <SetsPanel />
      <RefiExchange />
    </div>
  );
}

function Sources() {
  const { t } = useTranslation();
  const data = useProject();
  const canCode = useCanCode();
  const canDelete = useMay('owner');
  const [confirm, setConfirm] = useState<{ id: string; name: string } | null>(null);
  const [renaming, setRenaming] = useState<SourceSummary | null>(null);
  return (
    <section className="card" aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t('overview.sources')}</h2>
      {data.sources.length === 0 ? (
        <p className="muted">{data.loaded ? t('overview.noSources') : t('app.loading')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('overview.source')}</th>
              <th scope="col">{t('overview.case')}</th>
              <th scope="col" className="num">
                {t('overview.characters')}
              </th>
              <th scope="col" className="num">
                {t('overview.segments')}
              </th>
              {canCode && (
                <th scope="col">
                  <span className="sr-only">
                    {t('overview.renameSource')}
                    {canDelete && `, ${t('overview.deleteSource')}`}
                  </span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {data.sources.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <a href={href({ view: 'document', project: data.project, source: s.id, segment: null })}>{s.name}</a>
                </th>
                <td>{canCode ? <CaseOfSource source={s} /> : (s.case?.name ?? t('overview.noCase'))}</td>
                <td className="num">{s.length.toLocaleString()}</td>
                <td className="num">{s.segments.toLocaleString()}</td>
                {canCode && (
                  <td className="nowrap">
                    <button
                      type="button"
                      className="link"
                      aria-label={t('overview.renameSourceLabel', { source: s.name })}
                      onClick={() => setRenaming(s)}
                    >
                      {t('overview.renameSource')}
                    </button>
                    {canDelete && (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="link danger"
                          aria-label={t('overview.deleteSourceLabel', { source: s.name })}
                          onClick={() => setConfirm(s)}
                        >
                          {t('overview.deleteSource')}
                        </button>
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canCode && <ImportForm />}
      {canCode && <RecordingUpload />}
      {renaming && <RenameSource source={renaming} onClose={() => setRenaming(null)} />}
      <Modal open={confirm !== null} title={t('overview.deleteSource')} onClose={() => setConfirm(null)}>
        <p>{confirm && t('overview.confirmDeleteSource', { source: confirm.name })}</p>
        <div className="dialog-actions">
          <button type="button" onClick={() => setConfirm(null)}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="danger-button"
            onClick={async () => {
              const target = confirm;
              setConfirm(null);
              if (target) await data.mutate(() => api.deleteSource(data.project, target.id));
            }}
          >
            {t('overview.deleteSource')}
          </button>
        </div>
      </Modal>
    </section>
  );
}

/** The case a source belongs to, chosen in place. */
function CaseOfSource({ source }: { source: SourceSummary }) {
  const { t } = useTranslation();
  const data = useProject();
  return (
    <select
      aria-label={t('overview.caseOf', { source: source.name })}
      value={source.case?.id ?? ''}
      onChange={(e) => void data.mutate(() => api.linkSource(data.project, source.id, e.target.value || null))}
    >
      <option value="">{t('overview.noCase')}</option>
      {data.cases.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

/** A small dialog to give a source a new name; Enter saves, Escape cancels. A taken name is refused and the dialog stays. */
function RenameSource({ source, onClose }: { source: SourceSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const [name, setName] = useState(source.name);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const wanted = name.trim();
    if (!wanted || wanted === source.name) return onClose();
    const result = await data.mutate(() => api.renameSource(data.project, source.id, wanted));
    if (!result) return;
    notify(t('overview.renamed', { name: result.name }));
    onClose();
  };
  return (
    <Modal open title={t('overview.renameSourceTitle', { source: source.name })} onClose={onClose}>
      <form onSubmit={save}>
        <label>
          {t('overview.newName')}
          {/* biome-ignore lint/a11y/noAutofocus: the dialog opens to type the new name */}
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** The case select's value for "create a new case with this source". */
const NEW_CASE = ':new';

function ImportForm() {
  const { t } = useTranslation();
  const data = useProject();
  const { notify, run } = useUi();
  const fileRef = useRef<HTMLInputElement>(null);
  const [caseRef, setCaseRef] = useState('');
  const [newCase, setNewCase] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  // The server's words for a file whose text the project already has, until the user decides.
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const speakers = useSpeakerChoices();

  const send = async (ifDuplicate: 'ask' | 'copy') => {
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    const target = caseRef === NEW_CASE ? { newCase: newCase.trim() } : caseRef ? { case: caseRef } : {};
    setProgress(0);
    const result = await data.mutate(async () => {
      try {
        return await api.importSource(data.project, file, { ...target, ifDuplicate, speakers: speakers.mapping() }, setProgress);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'import.duplicate-found') return { duplicate: e.message };
        throw e;
      }
    });
    setProgress(null);
    if (!result) return;
    if ('duplicate' in result) return setDuplicate(result.duplicate);
    if (fileRef.current) fileRef.current.value = '';
    speakers.clear();
    if (caseRef === NEW_CASE) {
      setCaseRef('');
      setNewCase('');
    }
    notify(t('overview.imported', { name: result.name }));
    for (const w of result.warnings ?? []) notify(warningText(t, w), 'warning');
    void run(() => data.reload(['sources', 'cases']));
  };

  return (
    <form
      className="row import"
      onSubmit={(e) => {
        e.preventDefault();
        void send('ask');
      }}
      aria-labelledby="import-heading"
    >
      <h3 id="import-heading" className="row-title">
        {t('overview.import')}
      </h3>
      <label>
        {t('overview.file')}
        <input
          ref={fileRef}
          type="file"
          accept=".txt,.md,.docx,.odt,.pdf,.vtt,.srt,.json,.otr"
          required
          onChange={(e) => speakers.preview(data.project, e.target.files?.[0])}
        />
      </label>
      <label>
        {t('overview.case')}
        <select value={caseRef} onChange={(e) => setCaseRef(e.target.value)}>
          <option value="">{t('overview.noCase')}</option>
          {data.cases.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          <option value={NEW_CASE}>{t('overview.newCaseOption')}</option>
        </select>
      </label>
      {caseRef === NEW_CASE && (
        <label>
          {t('overview.newCaseName')}
          {/* biome-ignore lint/a11y/noAutofocus: choosing "New case…" is asking to type its name */}
          <input value={newCase} onChange={(e) => setNewCase(e.target.value)} required autoFocus />
        </label>
      )}
      {speakers.list.length > 1 && <SpeakerCases choices={speakers} />}
      <button type="submit" className="primary" disabled={progress !== null}>
        {t('overview.importButton')}
      </button>
      {progress !== null && (
        <div className="progress">
          <progress max={1} value={progress} aria-label={t('overview.import')} />
          <span>
            {progress < 1 ? t('overview.uploading', { percent: Math.round(progress * 100) }) : t('overview.processing')}
          </span>
        </div>
      )}
      <Modal open={duplicate !== null} title={t('overview.duplicateTitle')} onClose={() => setDuplicate(null)}>
        <p>{duplicate}</p>
        <p>{t('overview.duplicateQuestion')}</p>
        <div className="dialog-actions">
          <button type="button" onClick={() => setDuplicate(null)}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setDuplicate(null);
              void send('copy');
            }}
          >
            {t('overview.storeCopy')}
          </button>
        </div>
      </Modal>
    </form>
  );
}

type SpeakerChoices = ReturnType<typeof useSpeakerChoices>;

/**
 * The speakers of the chosen file (from the server's parse-only preview) and the case the user
 * says speaks each: none, an existing case (its id) or a new case (NEW_CASE and a name).
 */
function useSpeakerChoices() {
  const [list, setList] = useState<SourcePreview['speakers']>([]);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [names, setNames] = useState<Record<string, string>>({});
  const latest = useRef<File | null>(null);
  const clear = () => {
    latest.current = null;
    setList([]);
    setChoice({});
    setNames({});
  };
  const preview = (project: string, file: File | undefined) => {
    clear();
    if (!file) return;
    latest.current = file;
    api.previewSource(project, file).then(
      (p) => {
        if (latest.current === file) setList(p.speakers);
      },
      // A file that cannot be read offers no speakers; the import itself says why it is refused.
      () => {},
    );
  };
  const mapping = () =>
    list.flatMap(({ speaker }) => {
      const value = choice[speaker] ?? '';
      if (value === NEW_CASE) return [{ speaker, case: (names[speaker] ?? '').trim() }];
      return value ? [{ speaker, case: value }] : [];
    });
  return { list, choice, setChoice, names, setNames, preview, mapping, clear };
}

/** A group interview's voices to its participants: one case chooser per speaker of the file. */
function SpeakerCases({ choices }: { choices: SpeakerChoices }) {
  const { t } = useTranslation();
  const data = useProject();
  return (
    <fieldset className="speaker-cases">
      <legend>{t('overview.speakers')}</legend>
      {choices.list.map(({ speaker, turns }) => (
        <div key={speaker} className="row">
          <label>
            {t('overview.speakerCase', { speaker, count: turns })}
            <select
              value={choices.choice[speaker] ?? ''}
              onChange={(e) => choices.setChoice({ ...choices.choice, [speaker]: e.target.value })}
            >
              <option value="">{t('overview.speakerNoCase')}</option>
              {data.cases.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
              <option value={NEW_CASE}>{t('overview.newCaseOption')}</option>
            </select>
          </label>
          {choices.choice[speaker] === NEW_CASE && (
            <label>
              {t('overview.speakerNewCase', { speaker })}
              <input
                value={choices.names[speaker] ?? ''}
                onChange={(e) => choices.setNames({ ...choices.names, [speaker]: e.target.value })}
                required
              />
            </label>
          )}
        </div>
      ))}
    </fieldset>
  );
}

function CasesTable() {
  const { t } = useTranslation();
  const data = useProject();
  const canCode = useCanCode();
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('overview.case')}</th>
            <th scope="col" className="num">
              {t('projects.sources')}
            </th>
            {data.attributes.map((a) => (
              <th key={a.id} scope="col">
                {a.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.cases.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              <td className="num">{c.sources}</td>
              {data.attributes.map((a) => (
                <td key={a.id}>
                  {canCode ? <AttributeCell kase={c} attribute={a} /> : attributeText(t, a, c.attributes[a.name] ?? '')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A case's value of an attribute as shown: yes or no for a boolean, a word for none. */
function attributeText(t: TFunction, attribute: Attribute, value: string): string {
  if (!value) return t('overview.empty');
  if (attribute.type === 'boolean') return value === 'true' ? t('overview.yes') : t('overview.no');
  return value;
}

/** A value shown as a button; Enter or a click edits it in place, Enter saves, Escape cancels. */
function AttributeCell({ kase, attribute }: { kase: Case; attribute: Attribute }) {
  const { t } = useTranslation();
  const data = useProject();
  const value = kase.attributes[attribute.name] ?? '';
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const label = t('overview.edit', { attribute: attribute.name, case: kase.name });

  const finish = async (save: boolean) => {
    setEditing(false);
    requestAnimationFrame(() => buttonRef.current?.focus());
    if (!save || draft === value) return;
    await data.mutate(() => api.setAttributes(data.project, kase.id, { [attribute.name]: draft }));
  };
  const shown = attributeText(t, attribute, value);

  if (!editing) {
    return (
      <button
        ref={buttonRef}
        type="button"
        className="cell-button"
        aria-label={`${label}: ${value || t('overview.empty')}`}
        onClick={() => {
          setDraft(value);
          setEditing(true);
        }}
      >
        {shown}
      </button>
    );
  }
  const common = {
    'aria-label': label,
    autoFocus: true,
    onBlur: () => void finish(true),
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        void finish(true);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        setDraft(value);
        void finish(false);
      }
    },
  };
  if (attribute.type === 'choice' || attribute.type === 'boolean') {
    const options = attribute.type === 'boolean' ? ['true', 'false'] : attribute.choices;
    return (
      <select {...common} value={draft} onChange={(e) => setDraft(e.target.value)}>
        <option value="">{t('overview.empty')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {attribute.type === 'boolean' ? (o === 'true' ? t('overview.yes') : t('overview.no')) : o}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      {...common}
      type={attribute.type === 'number' ? 'number' : attribute.type === 'date' ? 'date' : 'text'}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
    />
  );
}

function AddCase() {
  const { t } = useTranslation();
  const data = useProject();
  const [name, setName] = useState('');
  return (
    <form
      className="row"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim()) return;
        if (await data.mutate(() => api.addCase(data.project, name.trim()))) setName('');
      }}
    >
      <label>
        {t('overview.addCase')}
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit">{t('overview.addCaseButton')}</button>
    </form>
  );
}

function AddAttribute() {
  const { t } = useTranslation();
  const data = useProject();
  const [name, setName] = useState('');
  const [type, setType] = useState<Attribute['type']>('text');
  const [choices, setChoices] = useState('');
  return (
    <form
      className="row"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim()) return;
        const list = choices
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean);
        if (await data.mutate(() => api.defineAttribute(data.project, name.trim(), type, list))) {
          setName('');
          setChoices('');
        }
      }}
    >
      <label>
        {t('overview.addAttribute')}
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('overview.attributeType')}
        <select value={type} onChange={(e) => setType(e.target.value as Attribute['type'])}>
          {(['text', 'number', 'date', 'boolean', 'choice'] as const).map((ty) => (
            <option key={ty} value={ty}>
              {t(`overview.types.${ty}`)}
            </option>
          ))}
        </select>
      </label>
      {type === 'choice' && (
        <label>
          {t('overview.choices')}
          <input value={choices} onChange={(e) => setChoices(e.target.value)} />
        </label>
      )}
      <button type="submit">{t('overview.addAttributeButton')}</button>
    </form>
  );
}
