import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionLabelKey } from './actions.js';
import { api, onSessionEnded, type SessionState, setIdentity } from './api.js';
import { CodingQueryView } from './codingQuery/CodingQueryView.js';
import { SmartCodeView } from './codingQuery/SmartCodeView.js';
import { AgreementView } from './components/AgreementView.js';
import { AuditView } from './components/AuditView.js';
import { CodebookPanel } from './components/CodebookPanel.js';
import { CodersView } from './components/CodersView.js';
import { CompareView } from './components/CompareView.js';
import { DocumentView } from './components/DocumentView.js';
import { HelpDialog } from './components/HelpDialog.js';
import { InterviewsView } from './components/InterviewsView.js';
import { LocalSignIn } from './components/LocalSignIn.js';
import { MemosView } from './components/MemosView.js';
import { TranscriptionView } from './components/media/TranscriptionView.js';
import { NotFound } from './components/NotFound.js';
import { Overview } from './components/Overview.js';
import { PasswordSignIn } from './components/PasswordSignIn.js';
import { PicturesView } from './components/PicturesView.js';
import { PrivacyView } from './components/PrivacyView.js';
import { ProjectList } from './components/ProjectList.js';
import { OWNER_PAGES, ProjectNav } from './components/ProjectNav.js';
import { ProviderSignIn } from './components/ProviderSignIn.js';
import { PseudonymsView } from './components/PseudonymsView.js';
import { QueriesView } from './components/QueriesView.js';
import { ReportView } from './components/ReportView.js';
import { RetrievalView } from './components/RetrievalView.js';
import { TheoryView } from './components/TheoryView.js';
import { TranscriptionPlanView } from './components/TranscriptionPlanView.js';
import { LANGUAGES, type Language, rememberLanguage } from './i18n/index.js';
import { type ProjectData, ProjectProvider, useCanCode, useMay, useProject, useProjectSummary } from './project.js';
import { href, pageOf, type Route } from './router.js';
import { Notices, useUi } from './ui.js';
import { useRoute } from './useRoute.js';

/** True when keys typed now go into a text field (its own undo and letters win). */
export function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el?.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export function App() {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  const [session, setSession] = useState<SessionState | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const lang = (i18n.language === 'sv' ? 'sv' : 'en') as Language;
  // The signed-in person is the coder: their name is their layer.
  const coder = session?.account?.name ?? '';
  setIdentity({ coder, lang });

  useEffect(() => {
    void api.session().then(setSession);
    // A session that ended (12 hours, 30 minutes unused) brings back the sign-in page.
    onSessionEnded(() => void api.session().then(setSession));
  }, []);
  const { clear } = useUi();
  const page = pageOf(route);

  useEffect(() => {
    rememberLanguage(lang);
  }, [lang]);

  // Notices belong to the page they were given on: another page starts without them.
  useEffect(() => {
    if (page) clear();
  }, [page, clear]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !typingInField(e.target) && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        setHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const project = 'project' in route ? route.project : null;
  // Asked once someone is signed in: before that the server answers nobody.
  const summary = useProjectSummary(session?.account ? project : null);
  const projectName = summary && summary !== 'unknown' ? summary.name : null;
  // The live indicator and undo need the project's data: only inside its provider.
  const header = (inProject: boolean) => (
    <header className="topbar">
      <a className="brand" href={href({ view: 'projects' })}>
        {t('app.title')}
      </a>
      <nav aria-label={t('app.projects')} className="crumbs">
        <a href={href({ view: 'projects' })} aria-current={route.view === 'projects' ? 'page' : undefined}>
          {t('app.projects')}
        </a>
        {project && (
          <a
            href={href({ view: 'overview', project })}
            aria-current={route.view === 'overview' ? 'page' : undefined}
            data-testid="project-name"
          >
            {projectName ?? t('app.overview')}
          </a>
        )}
      </nav>
      <div className="topbar-tools">
        {project && inProject && <LiveIndicator />}
        {project && inProject && <HistoryButtons project={project} />}
        {coder && (
          <span className="coder" title={t('app.coderHelp')} data-testid="coder">
            {t('app.coder')}: <strong>{coder}</strong>
          </span>
        )}
        <fieldset className="langs">
          <legend className="sr-only">{t('app.language')}</legend>
          {LANGUAGES.map((l) => (
            <button
              key={l.id}
              type="button"
              lang={l.id}
              aria-pressed={lang === l.id}
              onClick={() => void i18n.changeLanguage(l.id)}
            >
              {l.label}
            </button>
          ))}
        </fieldset>
        <button type="button" className="icon" onClick={() => setHelpOpen(true)} aria-label={t('app.help')} title={t('app.help')}>
          ?
        </button>
      </div>
    </header>
  );

  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      {!session?.account ? (
        <>
          {header(false)}
          <main id="main" className="page">
            {session === null ? (
              <p className="muted">{t('app.loading')}</p>
            ) : session.mode === 'local' ? (
              <LocalSignIn onSignedIn={setSession} />
            ) : (
              <section className="card">
                <h1>{t('signIn.heading')}</h1>
                <p>{t('signIn.needed')}</p>
                <PasswordSignIn onSignedIn={(state) => setSession({ ...state, oidc: session.oidc })} />
                {session.oidc && <ProviderSignIn provider={session.oidc} />}
              </section>
            )}
          </main>
        </>
      ) : project && summary === null ? (
        <>
          {header(false)}
          <PageTitle parts={[t('notFound.heading')]} />
          <main id="main" className="page">
            <NotFound kind="project" name={project} />
          </main>
        </>
      ) : project && summary === undefined ? (
        // Its lists are loaded once the project is known to exist (no errors about a missing one).
        <>
          {header(false)}
          <main id="main" className="page">
            <p className="muted">{t('app.loading')}</p>
          </main>
        </>
      ) : project ? (
        <ProjectProvider
          key={project}
          project={project}
          role={summary && summary !== 'unknown' ? summary.role : undefined}
          coder={coder}
        >
          {header(true)}
          <StoreOfflineBanner />
          <ProjectNav route={route} project={project} />
          <ProjectShell route={route} projectName={projectName} />
        </ProjectProvider>
      ) : (
        <>
          {header(false)}
          <PageTitle parts={[]} />
          <main id="main" className="page">
            <ProjectList />
          </main>
        </>
      )}
      <BusyBar />
      <Notices />
      <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}

/** The browser tab says where the user is: "<source> – <project> – Koda". */
function PageTitle({ parts }: { parts: (string | null | undefined)[] }) {
  const { t } = useTranslation();
  const title = [...parts.filter(Boolean), t('app.title')].join(' – ');
  useEffect(() => {
    document.title = title;
  }, [title]);
  return null;
}

/** A code by id, or as the API finds it by name or path (names compare without case). */
function hasCode(data: ProjectData, ref: string): boolean {
  const wanted = ref.toLowerCase();
  return data.flat.some(
    (f) => f.node.id === ref || f.node.name.toLowerCase() === wanted || f.path.join('/').toLowerCase() === wanted,
  );
}

/** A source or code named in the URL that the loaded project does not have. */
function missingFrom(route: Route, data: ProjectData): { kind: 'source' | 'code'; name: string } | null {
  if (!data.loaded) return null;
  const hasSource = (ref: string) => data.sources.some((s) => s.id === ref || s.name === ref);
  if ((route.view === 'document' || (route.view === 'compare' && route.source)) && !hasSource(route.source as string))
    return { kind: 'source', name: route.source as string };
  if (route.view === 'retrieval' && !hasCode(data, route.code)) return { kind: 'code', name: route.code };
  return null;
}

function ProjectShell({ route, projectName }: { route: Route; projectName: string | null }) {
  const { t } = useTranslation();
  const data = useProject();
  const canCode = useCanCode();
  // A page the server shows its owner alone says so to others, rather than failing to load.
  const isOwner = useMay('owner');
  // Transcribing edits the text: a viewer given that address reads the document instead.
  const transcribing = route.view === 'document' && Boolean(route.transcribe) && canCode;
  const missing = missingFrom(route, data);
  const source =
    route.view === 'document' ? data.sources.find((s) => s.id === route.source || s.name === route.source)?.name : null;
  if (missing) {
    return (
      <main id="main" className="page">
        <PageTitle parts={[t('notFound.heading'), projectName]} />
        <NotFound kind={missing.kind} name={missing.name} project={data.project} />
      </main>
    );
  }
  return (
    <div className="shell">
      <PageTitle parts={[source, projectName]} />
      <aside className="sidebar" aria-label={t('codebook.heading')}>
        <CodebookPanel />
      </aside>
      <main id="main" className="content">
        {route.view === 'overview' && <Overview />}
        {route.view === 'document' && transcribing && <TranscriptionView key={route.source} source={route.source} />}
        {route.view === 'document' && !transcribing && (
          <DocumentView key={route.source} source={route.source} segment={route.segment} at={route.at ?? null} />
        )}
        {route.view === 'retrieval' && <RetrievalView key={route.code} code={route.code} />}
        {route.view === 'privacy' && <PrivacyView />}
        {!isOwner && OWNER_PAGES.has(route.view) && <p className="card muted">{t('nav.ownerOnly')}</p>}
        {route.view === 'pseudonyms' && isOwner && <PseudonymsView />}
        {route.view === 'audit' && isOwner && <AuditView />}
        {route.view === 'coders' && <CodersView />}
        {route.view === 'agreement' && <AgreementView />}
        {route.view === 'compare' && <CompareView source={route.source} />}
        {route.view === 'queries' && <QueriesView tab={route.tab} />}
        {route.view === 'pictures' && <PicturesView tab={route.tab} source={route.source ?? null} />}
        {route.view === 'codingQuery' && <CodingQueryView />}
        {route.view === 'smartCode' && <SmartCodeView key={route.smartCode} smartCode={route.smartCode} />}
        {route.view === 'memos' && <MemosView />}
        {route.view === 'theory' && <TheoryView />}
        {route.view === 'report' && <ReportView />}
        {route.view === 'interviews' && <InterviewsView />}
        {route.view === 'transcription' && <TranscriptionPlanView />}
      </main>
    </div>
  );
}

/** Undo and redo (buttons and keys), for those who may change the project (the server asks the role of a coder). */
function HistoryButtons({ project }: { project: string }) {
  const { t } = useTranslation();
  const { notify } = useUi();
  const data = useProject();
  const canCode = useCanCode();
  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      const r = await data.mutate(() => (direction === 'undo' ? api.undo(project) : api.redo(project)));
      if (!r) return;
      // The live event reloads what changed; without it, reload everything here.
      if (!data.live) void data.reload();
      const action = t(actionLabelKey(r.action), { defaultValue: r.action });
      notify(t(direction === 'undo' ? 'actions.undone' : 'actions.redone', { action }));
    },
    [data, project, notify, t],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!canCode || !(e.ctrlKey || e.metaKey) || typingInField(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void step('undo');
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        void step('redo');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, canCode]);
  if (!canCode) return null;
  return (
    <div className="history">
      <button type="button" onClick={() => void step('undo')} title={`${t('app.undo')} (Ctrl+Z)`}>
        ↶ {t('app.undo')}
      </button>
      <button type="button" onClick={() => void step('redo')} title={`${t('app.redo')} (Ctrl+Shift+Z)`}>
        ↷ {t('app.redo')}
      </button>
    </div>
  );
}

/** Whether changes from other tabs and people arrive (server-sent events connected, the server's database reached). */
function LiveIndicator() {
  const { t } = useTranslation();
  const project = useProject();
  const live = project.live && project.storeOnline;
  return (
    <span className={`live${live ? ' on' : ''}`} data-live={live} title={live ? t('app.live') : t('app.offline')}>
      <span className="dot" aria-hidden="true" />
      <span className={live ? 'sr-only' : undefined}>{live ? t('app.live') : t('app.offline')}</span>
    </span>
  );
}

/** Said while the server has lost its database: others' changes do not arrive until it is back. */
function StoreOfflineBanner() {
  const { t } = useTranslation();
  const { storeOnline } = useProject();
  if (storeOnline) return null;
  return (
    <div className="store-offline" role="alert" data-testid="store-offline">
      {t('app.storeOffline')}
    </div>
  );
}

function BusyBar() {
  const { busy } = useUi();
  const { t } = useTranslation();
  const [show, setShow] = useState(false);
  // Only operations that take a moment show the bar; quick ones stay calm.
  useEffect(() => {
    if (busy === 0) {
      setShow(false);
      return;
    }
    const timer = setTimeout(() => setShow(true), 300);
    return () => clearTimeout(timer);
  }, [busy]);
  return show ? (
    <div className="busy" role="progressbar" aria-label={t('app.working')}>
      <div className="busy-bar" />
    </div>
  ) : null;
}
