import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export type SpeakerRole = 'participant' | 'interviewer';

/** "Spoken by": anyone, participants or interviewers (a turn's role comes from its speaker label). */
export function RoleSelect({
  value,
  onChange,
}: {
  value: SpeakerRole | undefined;
  onChange(role: SpeakerRole | undefined): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <label htmlFor={id}>
      {t('queries.role')}
      <select id={id} value={value ?? ''} onChange={(e) => onChange((e.target.value as SpeakerRole | '') || undefined)}>
        <option value="">{t('queries.roles.any')}</option>
        <option value="participant">{t('queries.roles.participant')}</option>
        <option value="interviewer">{t('queries.roles.interviewer')}</option>
      </select>
    </label>
  );
}
