/**
 * English strings of source sets and case sets (the sets panel) and of the analysis filter bar
 * the query views share. Spread into en.ts; sets.sv.ts mirrors the keys.
 */
export const setsEn = {
  sets: {
    heading: 'Sets',
    intro: 'Groups of sources or of cases to compare and to filter matrices, retrieval and the report by.',
    none: 'No sets yet.',
    kind: 'Kind',
    kinds: { source: 'Source set', case: 'Case set' },
    name: 'Name',
    members: 'Members',
    follows: 'follows {{attribute}} = {{value}}',
    byHand: 'Choose members',
    fromAttribute: 'From an attribute',
    attribute: 'Attribute',
    value: 'Value',
    add: 'Make set',
    added: 'Made the set “{{name}}”.',
    remove: 'Delete set {{name}}',
    removed: 'Deleted the set “{{name}}”.',
    count_one: '{{count}} member',
    count_other: '{{count}} members',
    filter: {
      legend: 'Filter',
      sourceSet: 'Source set',
      caseSet: 'Case set',
      attribute: 'Attribute',
      value: 'Value',
      speaker: 'Spoken by',
      any: 'any',
      anyone: 'anyone',
      participant: 'participants',
      interviewer: 'interviewers',
      clear: 'Clear filter',
      active: 'Filtered',
    },
  },
};
