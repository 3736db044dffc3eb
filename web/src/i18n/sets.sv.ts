import type { setsEn } from './sets.en.js';

/** Swedish strings of the sets panel and the filter bar; mirrors sets.en.ts. */
export const setsSv: typeof setsEn = {
  sets: {
    heading: 'Mängder',
    intro: 'Grupper av dokument eller av fall att jämföra och att avgränsa matriser, sökningar och rapporten med.',
    none: 'Inga mängder ännu.',
    kind: 'Slag',
    kinds: { source: 'Dokumentmängd', case: 'Fallmängd' },
    name: 'Namn',
    members: 'Medlemmar',
    follows: 'följer {{attribute}} = {{value}}',
    byHand: 'Välj medlemmar',
    fromAttribute: 'Från en egenskap',
    attribute: 'Egenskap',
    value: 'Värde',
    add: 'Skapa mängd',
    added: 'Skapade mängden ”{{name}}”.',
    remove: 'Radera mängden {{name}}',
    removed: 'Raderade mängden ”{{name}}”.',
    count_one: '{{count}} medlem',
    count_other: '{{count}} medlemmar',
    filter: {
      legend: 'Avgränsning',
      sourceSet: 'Dokumentmängd',
      caseSet: 'Fallmängd',
      attribute: 'Egenskap',
      value: 'Värde',
      speaker: 'Sagt av',
      any: 'alla',
      anyone: 'vem som helst',
      participant: 'deltagare',
      interviewer: 'intervjuare',
      clear: 'Ta bort avgränsningen',
      active: 'Avgränsat',
    },
  },
};
