import { describe, expect, it } from 'vitest';
import { KodaError } from '../../../src/core/errors.js';
import { childOf, childrenOf, el, parseXml, textEl } from '../../../src/formats/refi/xml.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof KodaError) return `${e.code} ${JSON.stringify(e.params)}`;
    throw e;
  }
  return 'no error';
};

describe('REFI-QDA XML reading', () => {
  it('gives local names, attributes and text with entities and CDATA decoded once', () => {
    const root = parseXml(
      '<?xml version="1.0"?><qda:Project xmlns:qda="urn:QDA-XML:project:1.0" name="A &amp; B &#x1F600;"><qda:Description>x &lt;y&gt; <![CDATA[&amp; stays]]> &#13;end</qda:Description></qda:Project>',
      'p.qde',
    );
    expect(root.name).toBe('Project');
    expect(root.attrs).toEqual({ 'xmlns:qda': 'urn:QDA-XML:project:1.0', name: 'A & B 😀' });
    expect(childOf(root, 'Description')?.text).toBe('x <y> &amp; stays \rend');
  });

  it('refuses any DOCTYPE: external entities and entity expansion never reach a parser', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project name="&x;"/>';
    expect(code(() => parseXml(xxe, 'p.qde'))).toBe('refi.xml-doctype {"file":"p.qde"}');
    const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Project>&lol2;</Project>`;
    expect(code(() => parseXml(laughs, 'p.qde'))).toBe('refi.xml-doctype {"file":"p.qde"}');
  });

  it('refuses XML nested deeper than the limit, without recursing into it', () => {
    const deep = `${'<Code>'.repeat(100_000)}${'</Code>'.repeat(100_000)}`;
    expect(code(() => parseXml(deep, 'p.qde'))).toBe('refi.xml-too-deep {"file":"p.qde","depth":256}');
    const ok = `${'<a>'.repeat(200)}${'</a>'.repeat(200)}`;
    expect(parseXml(ok, 'p.qde').name).toBe('a');
  });

  it('refuses a reference to a character XML cannot hold, as the odt importer does', () => {
    expect(code(() => parseXml('<Project name="a&#0;"/>', 'p.qde'))).toBe(
      'xml.bad-character {"file":"p.qde","reference":"&#0;"}',
    );
    expect(code(() => parseXml('<Project>&#xD83D;</Project>', 'p.qde'))).toBe(
      'xml.bad-character {"file":"p.qde","reference":"&#xD83D;"}',
    );
  });

  it('refuses text that is not well-formed XML, naming the line', () => {
    expect(code(() => parseXml('<Project>\n<Users>\n</Project>', 'p.qde'))).toMatch(
      /^refi\.not-xml \{"file":"p\.qde","line":\d+\}$/,
    );
    expect(code(() => parseXml('PK not xml at all', 'p.qde'))).toMatch(/^refi\.not-xml/);
    expect(code(() => parseXml('', 'p.qde'))).toMatch(/^refi\.not-xml/);
  });

  it('writes what it reads back unchanged: markup, quotes, tabs, line ends, astral characters', () => {
    const tricky = 'a<b>&c "d" \'e\'\tf\r\ng\nh 👩🏽‍🔬 q\u0307';
    const xml = el('Note', { name: tricky, guid: 'x', absent: undefined }, [textEl('PlainTextContent', tricky)]);
    const root = parseXml(xml, 'n.xml');
    expect(root.attrs).toEqual({ name: tricky, guid: 'x' });
    expect(childrenOf(root, 'PlainTextContent').map((c) => c.text)).toEqual([tricky]);
  });

  it('replaces characters XML cannot carry rather than writing a broken file', () => {
    const xml = textEl('Description', 'form\u000cfeed\u0000');
    expect(parseXml(xml, 'd.xml').text).toBe('form\ufffdfeed\ufffd');
  });
});
