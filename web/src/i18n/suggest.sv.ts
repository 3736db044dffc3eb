/** Svenska strängar för "hitta mer som detta" (components/SuggestionsPanel.tsx). Nycklarna speglar suggest.en.ts. */
export const suggestSv = {
  suggest: {
    open: 'Hitta mer som detta',
    close: 'Dölj förslagen',
    heading: 'Mer som ”{{code}}”',
    local_other:
      'Rangordnat på den här datorn utifrån de {{count}} stycken som kodats för hand (BM25 över ordstammar, per mening). Inget lämnar datorn.',
    local_one:
      'Rangordnat på den här datorn utifrån det enda stycke som kodats för hand (BM25 över ordstammar, per mening). Inget lämnar datorn.',
    keys: 'På ett förslags knappar: A godtar, R avböjer, ↑ och ↓ flyttar mellan förslagen.',
    none: 'Inga fler stycken som liknar dessa.',
    score: 'poäng {{score}}',
    words: 'Likt genom: {{words}}',
    accept: 'Godta',
    reject: 'Avböj',
    acceptLabel: 'Godta: {{source}} {{start}}–{{end}}',
    rejectLabel: 'Avböj: {{source}} {{start}}–{{end}}',
    accepted: 'Godtaget i lagret ”suggestions”.',
    rejected: 'Avböjt; det föreslås inte igen.',
    list: 'Förslag, bäst först',
  },
};
