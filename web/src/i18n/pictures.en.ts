/**
 * English strings of the pictures page (code map, code line, case comparison). Spread into
 * en.ts; pictures.sv.ts mirrors the keys (test/web/i18n.test.ts checks).
 */
export const picturesEn = {
  pictures: {
    heading: 'Pictures of the coding',
    views: 'Pictures',
    tabs: { codemap: 'Code map', portrait: 'Code line', comparison: 'Case comparison' },
    showTable: 'Show as table',
    showPicture: 'Show as picture',
    download: 'Download',
    downloadSvg: 'SVG',
    downloadPng: 'PNG',
    downloadLabel: 'Download the picture as {{format}}',
    saved: 'Saved “{{file}}”.',
    pictureLabel: '{{title}}. The figures are in the table (Show as table).',
    close: 'Close',
    /** The document view's link to its transcript's code line. */
    fromDocument: 'Code line',
    segmentsCount_one: '{{count}} segment',
    segmentsCount_other: '{{count}} segments',
    codemap: {
      together: 'Together when',
      explain:
        'A circle is a code: its area shows how many segments it has, its colour its category. A line joins two codes that occur together, thicker the more often. Click a circle for its segments, a line for the passages where both occur.',
      none: 'No code has segments yet: code some passages and the map appears.',
      codesCaption: 'Codes on the map',
      pairsCaption: 'Codes that occur together',
      code: 'Code',
      category: 'Category',
      segments: 'Segments',
      pair: 'Codes',
      times: 'Together',
      noPairs: 'No two codes occur together yet.',
      codeHeading: 'Segments of {{code}}',
      pairHeading: 'Where {{a}} and {{b}} occur together',
      /** A table's count as a button: its name starts with what it shows (the figure, WCAG 2.5.3). */
      showCode: '{{code}}: {{value}}. Show the segments',
      showPair: '{{a}} and {{b}}: {{value}}. Show where they occur together',
    },
    portrait: {
      source: 'Transcript',
      choose: 'Choose a transcript',
      explain:
        'The interview from start to end, left to right. The strip on top is the speaker turns (light: interviewer, dark: participants); below, one lane per code, each bar a coded segment where it falls. Click a bar to open the transcript there.',
      none: 'Nothing is coded in this transcript yet.',
      noSources: 'The project has no transcripts yet.',
      caption: 'Coded segments along {{source}}, in reading order',
      code: 'Code',
      place: 'Place (characters)',
      share: 'Where in the text',
      text: 'Text',
      open: 'Open “{{source}}” at {{start}}–{{end}}',
    },
    comparison: {
      rows: 'Rows',
      levels: { themes: 'Themes', categories: 'Categories' },
      explain:
        'Each column is a case. A circle’s area is the share of the case’s coded text that falls under the row, so every column adds up to 100 % and a long interview weighs no more than a short one.',
      none: 'Nothing is coded yet.',
      caption: '{{rows}} by case: share of each case’s coded text (coded characters in brackets)',
    },
  },
};
