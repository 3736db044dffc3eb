import { describe, expect, it } from 'vitest';
import { messageTemplate, translator } from '../src/i18n/index.js';

describe('messageTemplate', () => {
  it('fills a message as i18next does, in both languages; values are taken as they are', () => {
    for (const language of ['sv', 'en'] as const) {
      const t = translator(language);
      const place = messageTemplate(t, 'quotes|place', ['source', 'start', 'end']);
      const params = { source: 'Intervju 3 & <b>', start: 120, end: 245 };
      expect(place(params)).toBe(t('quotes|place', params));
      expect(place({ source: '{{start}}', start: 0, end: 1 })).toBe(
        t('quotes|place', { source: 'S', start: 0, end: 1 }).replace('S', '{{start}}'),
      );
    }
  });
});
