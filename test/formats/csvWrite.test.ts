import { describe, expect, it } from 'vitest';
import { csvField, csvText } from '../../src/formats/csvWrite.js';

describe('csv fields', () => {
  it('leaves a plain field as it is, numbers as numbers and a missing number empty', () => {
    expect(csvField('Kerstin säger hej')).toBe('Kerstin säger hej');
    expect(csvField('')).toBe('');
    expect(csvField(42)).toBe('42');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('quotes a field holding the separator, a quote or a line break, its quotes doubled', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a,b', ';')).toBe('a,b');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('hon sa "nej"')).toBe('"hon sa ""nej"""');
    expect(csvField('rad ett\nrad två')).toBe('"rad ett\nrad två"');
    expect(csvField('slut\r')).toBe('"slut\r"');
  });

  it('quotes a field with space at either end, Unicode space too, and not space inside', () => {
    expect(csvField(' början')).toBe('" början"');
    expect(csvField('slutet ')).toBe('"slutet "');
    expect(csvField('\u00a0hårt mellanslag')).toBe('"\u00a0hårt mellanslag"');
    expect(csvField('slut\u2003')).toBe('"slut\u2003"');
    expect(csvField('mitt i')).toBe('mitt i');
    expect(csvField('😀')).toBe('😀');
  });

  it('keeps a spreadsheet from running a field as a formula', () => {
    for (const start of ['=', '+', '-', '@']) expect(csvField(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    // A tab or carriage return first is prefixed, after which only a break inside asks for quotes.
    expect(csvField('\tindrag')).toBe("'\tindrag");
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField('=a,b')).toBe(`"'=a,b"`);
    expect(csvField('a=b')).toBe('a=b');
  });

  it('writes a table with a byte-order mark and CRLF after every record', () => {
    expect(
      csvText(
        [
          ['a', 1],
          ['b c', 'd;e'],
        ],
        ';',
      ),
    ).toBe('\uFEFFa;1\r\nb c;"d;e"\r\n');
  });
});
