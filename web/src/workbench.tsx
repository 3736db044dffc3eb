// The workbench: mounted by main.tsx once the first answers are asked for.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.js';
import { i18n } from './i18n/index.js';
import { UiProvider } from './ui.js';
import './styles.css';

performance.mark('koda:start');
document.documentElement.lang = i18n.language;
const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <UiProvider>
        <App />
      </UiProvider>
    </I18nextProvider>
  </StrictMode>,
);
