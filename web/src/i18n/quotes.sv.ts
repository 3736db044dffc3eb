import type { quotesEn } from './quotes.en.js';

/** Swedish strings of quotes out (see quotes.en.ts). */
export const quotesSv: typeof quotesEn = {
  quotesOut: {
    group: 'Exportera citaten',
    docx: 'Citat (Word)',
    xlsx: 'Citat (Excel)',
    csv: 'Citat (csv)',
    saved: 'Sparade {{file}} ({{count}} citat).',
    transcript: 'Exportera kodad utskrift',
    transcriptHtml: 'Kodad utskrift (HTML, att skriva ut eller spara som PDF)',
    transcriptDocx: 'Kodad utskrift (Word)',
    print: 'Skriv ut',
    printHint: 'Utskriften ger hela transkriptionen med koderna i marginalen.',
    legend: 'Koder',
    margin: 'Koder bredvid stycket',
    printedFrom: '{{source}}: kodad utskrift',
  },
};
