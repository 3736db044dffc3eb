import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyTouches } from '../actions.js';
import { MEMBER_ROLES, type MemberList, type MemberRole, membersApi } from '../membersApi.js';
import { useProject } from '../project.js';
import { useUi } from '../ui.js';

/** The owner's panel of who may open the project: list, add by name with a role, change a role, remove. */
export function MembersPanel() {
  const { t } = useTranslation();
  const data = useProject();
  const { run, notify } = useUi();
  const [list, setList] = useState<MemberList | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<MemberRole>('coder');
  const headingId = useId();
  const nameId = useId();
  const roleId = useId();

  const load = useCallback(async () => {
    const r = await run(() => membersApi.list(data.project));
    if (r) setList(r);
  }, [run, data.project]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => data.subscribe((events) => (anyTouches(events, 'project') ? void load() : undefined)), [data, load]);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => membersApi.add(data.project, name.trim(), role));
    if (!r) return;
    notify(t('members.added', { name: r.name }));
    setName('');
    await load();
  };
  const change = async (member: string, to: MemberRole) => {
    if (await run(() => membersApi.setRole(data.project, member, to))) notify(t('members.changed', { name: member }));
    await load();
  };
  const remove = async (member: string) => {
    if (await run(() => membersApi.remove(data.project, member))) notify(t('members.removed', { name: member }));
    await load();
  };

  const roleOptions = MEMBER_ROLES.map((r) => (
    <option key={r} value={r}>
      {t(`members.roles.${r}`)}
    </option>
  ));
  return (
    <section className="card" aria-labelledby={headingId} data-testid="members">
      <h2 id={headingId}>{t('members.heading')}</h2>
      <p className="muted small">{t('members.intro')}</p>
      {list === null ? (
        <p>{t('app.loading')}</p>
      ) : list.members.length === 0 ? (
        <p className="muted">{t('members.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('members.name')}</th>
              <th scope="col">{t('members.role')}</th>
              <th scope="col">
                <span className="sr-only">{t('members.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.members.map((m) => (
              <tr key={m.accountId}>
                <th scope="row">
                  {m.name}
                  {m.disabled && <span className="muted small"> {t('members.disabled')}</span>}
                </th>
                <td>
                  <select
                    aria-label={t('members.roleOf', { name: m.name })}
                    value={m.role}
                    onChange={(e) => void change(m.name, e.target.value as MemberRole)}
                  >
                    {roleOptions}
                  </select>
                </td>
                <td>
                  <button type="button" aria-label={t('members.removeOf', { name: m.name })} onClick={() => void remove(m.name)}>
                    {t('members.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="row tight" onSubmit={(e) => void add(e)}>
        <label htmlFor={nameId}>{t('members.name')}</label>
        <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />
        <label htmlFor={roleId}>{t('members.role')}</label>
        <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
          {roleOptions}
        </select>
        <button type="submit" className="primary" disabled={name.trim() === ''}>
          {t('members.add')}
        </button>
      </form>
    </section>
  );
}
