/** English strings of "find more like this" (components/SuggestionsPanel.tsx). Keys mirror suggest.sv.ts. */
export const suggestEn = {
  suggest: {
    open: 'Find more like this',
    close: 'Hide suggestions',
    heading: 'More like “{{code}}”',
    local_other:
      'Ranked on this computer from the {{count}} passages coded by hand (BM25 over word stems, per sentence). Nothing leaves the machine.',
    local_one:
      'Ranked on this computer from the one passage coded by hand (BM25 over word stems, per sentence). Nothing leaves the machine.',
    keys: 'On a suggestion’s buttons: A accepts, R rejects, ↑ and ↓ move between suggestions.',
    none: 'No more passages like these.',
    score: 'score {{score}}',
    words: 'Similar by: {{words}}',
    accept: 'Accept',
    reject: 'Reject',
    acceptLabel: 'Accept: {{source}} {{start}}–{{end}}',
    rejectLabel: 'Reject: {{source}} {{start}}–{{end}}',
    accepted: 'Accepted into the layer “suggestions”.',
    rejected: 'Rejected; it will not be suggested again.',
    list: 'Suggestions, best first',
  },
};
