/**
 * English strings of quotes out: the quote downloads of the retrieval and matrix views, and the
 * coded transcript (download and print) of the document view. Spread into en.ts; quotes.sv.ts
 * mirrors the keys.
 */
export const quotesEn = {
  quotesOut: {
    group: 'Export the quotes',
    docx: 'Quotes (Word)',
    xlsx: 'Quotes (Excel)',
    csv: 'Quotes (csv)',
    saved: 'Saved {{file}} ({{count}} quotes).',
    transcript: 'Export coded transcript',
    transcriptHtml: 'Coded transcript (HTML, to print or save as PDF)',
    transcriptDocx: 'Coded transcript (Word)',
    print: 'Print',
    printHint: 'Printing gives the whole transcript with its codes in the margin.',
    legend: 'Codes',
    margin: 'Codes beside this passage',
    printedFrom: '{{source}}: coded transcript',
  },
};
