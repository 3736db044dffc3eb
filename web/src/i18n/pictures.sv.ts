import type { picturesEn } from './pictures.en.js';

/** Svenska texter för bildsidan (kodkarta, kodlinje, jämförelse mellan fall). Samma nycklar som pictures.en.ts. */
export const picturesSv: typeof picturesEn = {
  pictures: {
    heading: 'Bilder av kodningen',
    views: 'Bilder',
    tabs: { codemap: 'Kodkarta', portrait: 'Kodlinje', comparison: 'Jämför fall' },
    showTable: 'Visa som tabell',
    showPicture: 'Visa som bild',
    download: 'Ladda ner',
    downloadSvg: 'SVG',
    downloadPng: 'PNG',
    downloadLabel: 'Ladda ner bilden som {{format}}',
    saved: 'Sparade ”{{file}}”.',
    pictureLabel: '{{title}}. Siffrorna finns i tabellen (Visa som tabell).',
    close: 'Stäng',
    fromDocument: 'Kodlinje',
    segmentsCount_one: '{{count}} segment',
    segmentsCount_other: '{{count}} segment',
    codemap: {
      together: 'Tillsammans när',
      explain:
        'En cirkel är en kod: ytan visar hur många segment den har, färgen dess kategori. En linje förbinder två koder som förekommer tillsammans, tjockare ju oftare. Klicka på en cirkel för dess segment, på en linje för ställena där båda förekommer.',
      none: 'Ingen kod har segment ännu: koda några ställen så visas kartan.',
      codesCaption: 'Koderna på kartan',
      pairsCaption: 'Koder som förekommer tillsammans',
      code: 'Kod',
      category: 'Kategori',
      segments: 'Segment',
      pair: 'Koder',
      times: 'Tillsammans',
      noPairs: 'Inga två koder förekommer tillsammans ännu.',
      codeHeading: 'Segment med {{code}}',
      pairHeading: 'Där {{a}} och {{b}} förekommer tillsammans',
      showCode: '{{code}}: {{value}}. Visa segmenten',
      showPair: '{{a}} och {{b}}: {{value}}. Visa var de förekommer tillsammans',
    },
    portrait: {
      source: 'Transkript',
      choose: 'Välj ett transkript',
      explain:
        'Intervjun från början till slut, från vänster till höger. Remsan överst är yttrandena (ljust: intervjuaren, mörkt: deltagarna); under den ett spår per kod, varje stapel ett kodat segment där det står. Klicka på en stapel för att öppna transkriptet där.',
      none: 'Inget är kodat i det här transkriptet ännu.',
      noSources: 'Projektet har inga transkript ännu.',
      caption: 'Kodade segment i {{source}}, i läsordning',
      code: 'Kod',
      place: 'Plats (tecken)',
      share: 'Var i texten',
      text: 'Text',
      open: 'Öppna ”{{source}}” vid {{start}}–{{end}}',
    },
    comparison: {
      rows: 'Rader',
      levels: { themes: 'Teman', categories: 'Kategorier' },
      explain:
        'Varje kolumn är ett fall. En cirkels yta är den andel av fallets kodade text som hör till raden, så varje kolumn blir 100 % och en lång intervju väger inte mer än en kort.',
      none: 'Inget är kodat ännu.',
      caption: '{{rows}} per fall: andel av fallets kodade text (kodade tecken inom parentes)',
    },
  },
};
