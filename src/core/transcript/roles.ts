/**
 * Speaker roles in a transcript: the interviewer asks, the participant answers. A turn's role
 * comes from its speaker label: `I`, `Intervjuare`, `Interviewer`, `Fråga`, `Question`,
 * `Moderator`, `Forskare`, … (with or without a number: `I2`) are the interviewer; any other
 * label is a participant. A turn without a label has no role.
 */
export type SpeakerRole = 'interviewer' | 'participant';
export const SPEAKER_ROLES: readonly SpeakerRole[] = ['interviewer', 'participant'];

const INTERVIEWER = new Set(
  'i int intervjuare intervjuaren interviewer f fråga q question moderator forskare researcher'.split(' '),
);

export function speakerRole(label: string | null): SpeakerRole | null {
  if (label === null || label.trim() === '') return null;
  const bare = label
    .trim()
    .toLowerCase()
    .replace(/[\s.]*\d+$/, '')
    .replace(/\.$/, '');
  return INTERVIEWER.has(bare) ? 'interviewer' : 'participant';
}
