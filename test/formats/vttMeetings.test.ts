import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/formats/index.js';

const enc = (s: string) => new TextEncoder().encode(s);
const timing = (turns: { speaker: string | null; startMs: number | null; endMs: number | null }[]) =>
  turns.map(({ speaker, startMs, endMs }) => ({ speaker, startMs, endMs }));

describe('meeting transcripts as WebVTT', () => {
  it('reads a Microsoft Teams transcript: voice tags, cue ids `GUID/12-0`', async () => {
    const teams = `WEBVTT

8c1bd9a5-3c5e-4f7c-9b8e-2f1a6d0c4e11/12-0
00:00:03.520 --> 00:00:07.140
<v Anna Svensson>Hej och välkommen till intervjun.</v>

8c1bd9a5-3c5e-4f7c-9b8e-2f1a6d0c4e11/12-1
00:00:07.140 --> 00:00:09.300
<v Anna Svensson>Ska vi börja?</v>

8c1bd9a5-3c5e-4f7c-9b8e-2f1a6d0c4e11/31-0
00:00:10.010 --> 00:00:14.880
<v albin.karlsson (Gäst)>Ja, gärna.</v>
`;
    const source = await parseSource(enc(teams), 'Intervju (Teams).vtt');
    expect(source.text).toBe(
      'Anna Svensson: Hej och välkommen till intervjun. Ska vi börja?\n\nalbin.karlsson (Gäst): Ja, gärna.',
    );
    expect(timing(source.turns)).toEqual([
      { speaker: 'Anna Svensson', startMs: 3520, endMs: 9300 },
      { speaker: 'albin.karlsson (Gäst)', startMs: 10_010, endMs: 14_880 },
    ]);
  });

  it('reads a Zoom transcript: numbered cues, `Display Name: text`, any display name', async () => {
    const zoom = `WEBVTT

1
00:00:01.500 --> 00:00:04.200
Anna Svensson: Hej och välkommen.

2
00:00:04.200 --> 00:00:06.000
Anna Svensson: Ska vi börja?

3
00:00:06.300 --> 00:00:09.000
albin k (he/him): Ja, gärna: vi kan börja.

4
00:00:09.100 --> 00:00:11.000
iPhone 13: Hörs jag?
`;
    const source = await parseSource(enc(zoom), 'GMT20240312-100000_Recording.transcript.vtt');
    expect(source.text).toBe(
      'Anna Svensson: Hej och välkommen. Ska vi börja?\n\nalbin k (he/him): Ja, gärna: vi kan börja.\n\niPhone 13: Hörs jag?',
    );
    expect(timing(source.turns)).toEqual([
      { speaker: 'Anna Svensson', startMs: 1500, endMs: 6000 },
      { speaker: 'albin k (he/him)', startMs: 6300, endMs: 9000 },
      { speaker: 'iPhone 13', startMs: 9100, endMs: 11_000 },
    ]);
  });
});
