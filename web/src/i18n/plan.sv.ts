import type { planEn } from './plan.en.js';

/** Svenska texter för transkriptionsplanen. Samma nycklar som plan.en.ts. */
export const planSv: typeof planEn = {
  transcriptionPlan: {
    heading: 'Transkriptionsplan',
    intro:
      'Fördela transkriberingen mellan transkriberare efter minuter: hela intervjuer, eller en delning vid ett talarbyte (en hel sekund när transkriptet saknar tider). Längderna kommer från inspelningarna eller från intervjuloggen.',
    transcribers: 'Transkriberare',
    transcriberN: 'Transkriberare {{n}}',
    name: 'Namn',
    share: 'Andel',
    shareHint: 'Andelarna är relativa: 1 och 2 ger den andra dubbelt så många minuter. Tomt betyder 1.',
    add: 'Lägg till en transkriberare',
    remove: 'Ta bort',
    removeLabel: 'Ta bort transkriberare {{n}}',
    plan: 'Planera',
    replan: 'Planera om',
    progress: 'Hur långt vi kommit',
    doneOf: 'Minuter som {{name}} transkriberat',
    table_one: 'Planen: {{count}} intervju, {{splits}} delad',
    table_other: 'Planen: {{count}} intervjuer, {{splits}} delade',
    whole: 'hel',
    markDone: 'transkriberad',
    verified: 'granskad',
    notPlanned: 'Inte med i planen (saknar längd eller tillkommen sedan): {{sources}}',
    columns: {
      interview: 'Intervju',
      transcriber: 'Transkriberare',
      part: 'Del',
      length: 'Längd',
      transcribed: 'Klar',
      interviews: 'Intervjuer',
      planned: 'Planerat',
      target: 'Andel av totalen',
      done: 'Klart',
    },
  },
};
