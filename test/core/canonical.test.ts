import { describe, expect, it } from 'vitest';
import { canonicalText } from '../../src/core/text/canonical.js';

describe('canonicalText', () => {
  it('turns CRLF into LF', () => {
    expect(canonicalText('a\r\nb\r\n')).toBe('a\nb\n');
  });

  it('turns a lone CR into LF, and CR CR LF into two line ends', () => {
    expect(canonicalText('a\rb')).toBe('a\nb');
    expect(canonicalText('a\r\r\nb')).toBe('a\n\nb');
  });

  it('drops a leading byte-order mark only', () => {
    expect(canonicalText('\uFEFFHej')).toBe('Hej');
    expect(canonicalText('He\uFEFFj')).toBe('He\uFEFFj');
  });

  it('turns U+2028 and U+2029 into LF', () => {
    expect(canonicalText('a\u2028b\u2029c')).toBe('a\nb\nc');
  });

  it('normalises to NFC', () => {
    expect(canonicalText('e\u0301')).toBe('\u00e9');
    expect(canonicalText('A\u030angstr\u00f6m')).toBe('\u00c5ngstr\u00f6m');
  });

  it('leaves canonical text unchanged', () => {
    const text = 'I: Hej 😀\nAlbin: Hej då, åäö.\n';
    expect(canonicalText(text)).toBe(text);
  });

  it('does all of it at once', () => {
    expect(canonicalText('\uFEFFI: Cafe\u0301\r\nIP: ja\rnej\u2028slut')).toBe('I: Caf\u00e9\nIP: ja\nnej\nslut');
  });
});
