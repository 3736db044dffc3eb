import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Project } from '../api.js';
import { href, navigate } from '../router.js';
import { useUi } from '../ui.js';
import { RefiImport } from './Refi.js';

export function ProjectList() {
  const { t, i18n } = useTranslation();
  const { run } = useUi();
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [name, setName] = useState('');
  const [language, setLanguage] = useState(i18n.language === 'sv' ? 'sv' : 'en');

  const load = useCallback(() => run(api.projects).then((p) => setProjects(p ?? [])), [run]);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    const created = await run(() => api.createProject(name.trim(), language));
    if (created) navigate({ view: 'overview', project: created.id });
  };

  return (
    <section className="card">
      <h1>{t('projects.heading')}</h1>
      {projects === null ? (
        <p>{t('app.loading')}</p>
      ) : projects.length === 0 ? (
        <p>{t('projects.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('projects.name')}</th>
              <th scope="col" className="num">
                {t('projects.sources')}
              </th>
              <th scope="col" className="num">
                {t('projects.cases')}
              </th>
              <th scope="col" className="num">
                {t('projects.codes')}
              </th>
              <th scope="col" className="num">
                {t('projects.segments')}
              </th>
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <a href={href({ view: 'overview', project: p.id })}>{p.name}</a>
                  {p.description && <div className="muted small">{p.description}</div>}
                </th>
                <td className="num">{p.sources}</td>
                <td className="num">{p.cases}</td>
                <td className="num">{p.codes}</td>
                <td className="num">{p.segments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('projects.create')}</h2>
      <form className="row" onSubmit={create}>
        <label>
          {t('projects.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          {t('projects.projectLanguage')}
          <select value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="sv">Svenska</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="submit" className="primary">
          {t('projects.createButton')}
        </button>
      </form>
      <RefiImport onImported={() => void load()} />
    </section>
  );
}
