import { describe, expect, it } from 'vitest';
import { ArchiveFiles } from '../../../src/formats/refi/files.js';
import { planFromXml } from '../../../src/formats/refi/qde.js';
import { readRefiFile } from '../../../src/formats/refi/qdpx.js';
import { parseXml } from '../../../src/formats/refi/xml.js';
import { G, qde, zip } from './support.js';

const enc = (s: string) => new TextEncoder().encode(s);

async function plan(body: string, files: Record<string, string> = {}) {
  const entries = new Map(Object.entries(files).map(([k, v]) => [k, enc(v)]));
  return planFromXml(parseXml(qde(body), 'p.qde'), {
    file: 't.qdpx',
    files: new ArchiveFiles(entries),
    qdeEntry: 'project.qde',
    language: 'en',
  });
}

const kinds = (p: { summary: { kind: string; count: number }[] }) => Object.fromEntries(p.summary.map((i) => [i.kind, i.count]));

describe('REFI-QDA project → import plan', () => {
  it('counts \\r\\n as two characters when the selection names say the exporter did', async () => {
    const raw = 'Rad ett\r\nRad två: viktigt\r\n';
    const start = raw.indexOf('viktigt');
    const p = await plan(
      `<CodeBook><Codes><Code guid="${G(1)}" name="k" isCodable="true" color="#000000"/></Codes></CodeBook>
       <Sources><TextSource guid="${G(2)}" name="s" plainTextPath="internal://${G(3)}.txt">
         <PlainTextSelection guid="${G(4)}" name="viktigt" startPosition="${start}" endPosition="${start + 7}"><Coding guid="${G(5)}"><CodeRef targetGUID="${G(1)}"/></Coding></PlainTextSelection>
       </TextSource></Sources>`,
      { [`sources/${G(3)}.txt`]: raw },
    );
    expect(p.sources[0]?.text).toBe('Rad ett\nRad två: viktigt\n');
    expect(p.segments.map((s) => [s.start, s.end])).toEqual([[start - 1, start + 6]]);
    expect(p.summary).toEqual([{ kind: 'crlf-as-two', count: 1, examples: ['s'] }]);
  });

  it('gives a coder of its own to a user GUID the file does not list, and reads a Koda consensus layer back', async () => {
    const p = await plan(
      `<Users><User guid="${G(9)}" name="Konsensus" id="koda:consensus"/></Users>
       <CodeBook><Codes><Code guid="${G(1)}" name="k" isCodable="true" color="#000000"/></Codes></CodeBook>
       <Sources><TextSource guid="${G(2)}" name="s"><PlainTextContent>abc</PlainTextContent>
         <PlainTextSelection guid="${G(4)}" startPosition="0" endPosition="2" creatingUser="${G(8)}"><Coding guid="${G(5)}"><CodeRef targetGUID="${G(1)}"/></Coding></PlainTextSelection>
       </TextSource></Sources>`,
    );
    expect(p.users).toEqual([
      { guid: G(9), name: 'Konsensus', consensus: true },
      { guid: G(8), name: 'User 00000000', consensus: false },
    ]);
    expect(p.segments[0]?.userGuid).toBe(G(8));
    expect(kinds(p)).toEqual({ 'unknown-users': 1 });
  });

  it('turns a note without a title on a selection into the segment memo, and a linked note into a case memo', async () => {
    const p = await plan(
      `<CodeBook><Codes><Code guid="${G(1)}" name="k" isCodable="true" color="#000000"><NoteRef targetGUID="${G(22)}"/></Code></Codes></CodeBook>
       <Cases><Case guid="${G(6)}" name="Eva"/></Cases>
       <Sources><TextSource guid="${G(2)}" name="s"><PlainTextContent>abc</PlainTextContent>
         <PlainTextSelection guid="${G(4)}" startPosition="0" endPosition="2"><Description>först</Description><Coding guid="${G(5)}"><CodeRef targetGUID="${G(1)}"/></Coding><NoteRef targetGUID="${G(20)}"/></PlainTextSelection>
       </TextSource></Sources>
       <Notes>
         <Note guid="${G(20)}"><PlainTextContent>sedan</PlainTextContent></Note>
         <Note guid="${G(21)}" name="Om Eva"><PlainTextContent>Chef</PlainTextContent></Note>
         <Note guid="${G(22)}" name="Två ställen"><PlainTextContent>x</PlainTextContent></Note>
       </Notes>
       <Links><Link guid="${G(30)}" originGUID="${G(21)}" targetGUID="${G(6)}"/><Link guid="${G(31)}" originGUID="${G(22)}" targetGUID="${G(6)}"/></Links>`,
    );
    expect(p.segments.map((s) => s.memo)).toEqual(['först\n\nsedan']);
    expect(p.memos.map((m) => [m.title, m.target])).toEqual([
      ['Om Eva', { kind: 'case', guid: G(6) }],
      ['Två ställen', { kind: 'code', guid: G(1) }],
    ]);
    expect(kinds(p)).toEqual({ 'notes-on-several': 1 });
  });

  it('imports the transcript of a recording as a text source, and says the recording is not', async () => {
    const p = await plan(
      `<Sources><VideoSource guid="${G(2)}" name="Intervju.mp4" path="relative:///Intervju.mp4">
         <Transcript guid="${G(3)}" name="Intervju (transkription)" plainTextPath="internal://${G(4)}.txt"><SyncPoint guid="${G(5)}" position="0" timeStamp="0"/></Transcript>
       </VideoSource></Sources>`,
      { [`sources/${G(4)}.txt`]: 'I: Hej.\nIP: Hej hej.' },
    );
    expect(p.sources.map((s) => [s.guid, s.name, s.text, s.turns.length])).toEqual([
      [G(3), 'Intervju (transkription)', 'I: Hej.\nIP: Hej hej.', 2],
    ]);
    expect(kinds(p)).toEqual({ 'video-sources': 1, 'sync-points': 1 });
  });

  it('lists archive files nothing refers to, but not hidden ones', async () => {
    const p = await plan('', { 'sources/.root': '', 'sources/extra.png': 'x' });
    expect(p.summary).toEqual([{ kind: 'files-unused', count: 1, examples: ['sources/extra.png'] }]);
  });

  it('finds the project file one folder down when the archive is a zipped folder', async () => {
    const bytes = zip({
      'Export/project.qde': qde(
        `<Sources><TextSource guid="${G(2)}" name="s" plainTextPath="internal://${G(3)}.txt"/></Sources>`,
      ),
      [`Export/sources/${G(3)}.txt`]: 'text',
    });
    const p = await readRefiFile(bytes, 'x.qdpx', { language: 'sv' });
    expect(p.sources.map((s) => s.text)).toEqual(['text']);
  });
});
