import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.js';

/** Messages at the bottom of the screen, a busy indicator, and running an action with both. */
export interface Notice {
  id: number;
  /**
   * info goes by itself after a while; a warning (missing consent) and an error stay until
   * dismissed, or until the user goes to another page.
   */
  kind: 'info' | 'warning' | 'error';
  text: string;
}

interface Ui {
  notices: Notice[];
  busy: number;
  notify(text: string, kind?: Notice['kind']): void;
  dismiss(id: number): void;
  /** Takes every notice away: they belong to the page they were given on. */
  clear(): void;
  /** Runs `fn` with the busy indicator on; an error is shown in plain words and gives undefined. */
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
}

const UiContext = createContext<Ui | null>(null);

/** How long a notice stays by itself, in ms; null: until dismissed or another page is shown. */
const LIFETIME: Record<Notice['kind'], number | null> = { info: 5000, warning: null, error: null };

export function UiProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<Notice[]>([]);
  const [busy, setBusy] = useState(0);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((n) => n.filter((x) => x.id !== id)), []);
  const clear = useCallback(() => setNotices([]), []);
  const notify = useCallback(
    (text: string, kind: Notice['kind'] = 'info') => {
      const id = next.current++;
      // The same warning again (coding the same participant twice) is not stacked.
      setNotices((n) =>
        kind !== 'info' && n.some((x) => x.kind === kind && x.text === text) ? n : [...n.slice(-3), { id, kind, text }],
      );
      const lifetime = LIFETIME[kind];
      if (lifetime !== null) setTimeout(() => dismiss(id), lifetime);
    },
    [dismiss],
  );
  const run = useCallback(
    async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
      setBusy((b) => b + 1);
      try {
        return await fn();
      } catch (e) {
        notify(
          e instanceof ApiError ? e.message : t('errors.failed', { message: e instanceof Error ? e.message : String(e) }),
          'error',
        );
        return undefined;
      } finally {
        setBusy((b) => b - 1);
      }
    },
    [notify, t],
  );
  const value = useMemo(() => ({ notices, busy, notify, dismiss, clear, run }), [notices, busy, notify, dismiss, clear, run]);
  return <UiContext.Provider value={value}>{children}</UiContext.Provider>;
}

export function useUi(): Ui {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('useUi outside UiProvider');
  return ui;
}

export function Notices() {
  const { notices, dismiss } = useUi();
  const { t } = useTranslation();
  return (
    <div className="notices">
      <div role="status" aria-live="polite" className="notice-stack">
        {notices
          .filter((n) => n.kind === 'info')
          .map((n) => (
            <div key={n.id} className="notice">
              {n.text}
            </div>
          ))}
        {notices
          .filter((n) => n.kind === 'warning')
          .map((n) => (
            <div key={n.id} className="notice warning">
              <span>
                <span aria-hidden="true">⚠ </span>
                {n.text}
              </span>
              <button type="button" className="link" onClick={() => dismiss(n.id)}>
                {t('app.dismiss')}
              </button>
            </div>
          ))}
      </div>
      <div role="alert" className="notice-stack">
        {notices
          .filter((n) => n.kind === 'error')
          .map((n) => (
            <div key={n.id} className="notice error">
              <span>{n.text}</span>
              <button type="button" className="link" onClick={() => dismiss(n.id)}>
                {t('app.dismiss')}
              </button>
            </div>
          ))}
      </div>
    </div>
  );
}
