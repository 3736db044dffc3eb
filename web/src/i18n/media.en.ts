/**
 * English strings of the recording's player and transcription mode. Spread into en.ts;
 * media.sv.ts mirrors the keys (test/web/i18n.test.ts checks).
 */
export const mediaEn = {
  media: {
    player: 'Recording: {{file}}',
    play: 'Play',
    pause: 'Pause',
    back: '−{{seconds}} s',
    forward: '+{{seconds}} s',
    speed: 'Speed',
    rate: '{{rate}}×',
    toggleKey: 'Play or pause (F4 or Ctrl+Space)',
    backKey: 'Back 5 seconds (Ctrl+,)',
    forwardKey: 'Forward 5 seconds (Ctrl+.)',
    speedKey: 'Slower or faster (Ctrl+Shift+, and Ctrl+Shift+.)',
    playTurn: 'Play from {{time}}',
    playSpan: 'Play {{time}} of the recording',
    transcribe: 'Transcribe',
    transcribeHint: 'Write or correct the transcript while listening',
    keys: {
      heading: 'With a recording',
      toggle: 'Play or pause (in transcription mode, pausing goes back 2 seconds)',
      back: 'Back 5 seconds',
      forward: 'Forward 5 seconds',
      slower: 'Slower (down to 0.5×)',
      faster: 'Faster (up to 2×)',
      timestamp: 'Transcription mode: insert the current time [hh:mm:ss]',
      newTurn: 'Transcription mode: new turn, the next speaker, with the time',
    },
  },
  transcribe: {
    heading: 'Transcribing {{source}}',
    textLabel: 'Transcript of {{source}}',
    speakers: 'Speakers',
    speakersHelp: 'Separated by commas; Ctrl+Enter starts a turn of the next one.',
    speakersRefused: 'Not read as a speaker, so left out: {{names}}',
    back: 'Back to the document',
    noRecording: 'This source has no recording to transcribe from.',
    status: {
      saved: 'All changes saved',
      unsaved: 'Unsaved changes',
      saving: 'Saving…',
      retrying: 'Not saved: the server did not answer. Trying again; your text stays here.',
      conflict: 'Not saved: the text was changed elsewhere since you opened it.',
    },
    keepMine: 'Save my text over it',
    hint: 'F4 or Ctrl+Space plays and pauses, Ctrl+J inserts the time, Ctrl+Enter starts the next speaker’s turn. ? lists every key.',
  },
};
