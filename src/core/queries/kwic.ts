/**
 * Keyword in context: a hit with a little of the text either side, on one line. Whitespace
 * (line breaks included) is collapsed to single spaces, and the context is cut at a word
 * boundary with an ellipsis, so lines align on the hit in a list. Offsets are UTF-16 indexes
 * into `text` (the caller's paragraph); the context never splits a surrogate pair.
 */
export interface KwicLine {
  left: string;
  match: string;
  right: string;
}

export const KWIC_WIDTH = 50;

export function kwic(text: string, start: number, end: number, width = KWIC_WIDTH): KwicLine {
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  let left = flat(text.slice(0, start));
  let right = flat(text.slice(end));
  if ([...left].length > width) {
    const chars = [...left];
    let cut = chars.slice(-width).join('');
    const space = cut.indexOf(' ');
    if (space >= 0 && space < width / 2) cut = cut.slice(space + 1);
    left = `…${cut}`;
  }
  if ([...right].length > width) {
    let cut = [...right].slice(0, width).join('');
    const space = cut.lastIndexOf(' ');
    if (space > width / 2) cut = cut.slice(0, space);
    right = `${cut}…`;
  }
  return { left, match: flat(text.slice(start, end)), right };
}
