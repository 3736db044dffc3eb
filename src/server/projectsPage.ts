import type { listProjects } from '../commands/listProjects.js';
import type { Translate } from '../i18n/index.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** A plain page listing the projects: the placeholder until the workbench UI is built. */
export function projectsPage(projects: Awaited<ReturnType<typeof listProjects>>, t: Translate, lang: string): string {
  const items = projects.map(
    (p) =>
      `<li><strong>${escapeHtml(p.name)}</strong> — ${t('counts|sources', { count: p.sources })}, ${t('counts|cases', { count: p.cases })}, ${t('counts|codes', { count: p.codes })}, ${t('counts|segments', { count: p.segments })}</li>`,
  );
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${t('page|title')}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1d1d1f}</style></head>
<body><h1>${t('page|title')}</h1><h2>${t('page|projects')}</h2>
${items.length ? `<ul>${items.join('')}</ul>` : `<p>${t('page|empty')}</p>`}
</body></html>`;
}
