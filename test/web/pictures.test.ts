import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Scene } from '../../src/core/pictures/scene.js';
import { SceneSvg, targetKey } from '../../web/src/components/pictures/SceneSvg.js';
import { href, parseRoute } from '../../web/src/router.js';

const scene: Scene = {
  width: 500,
  height: 200,
  title: 'Map',
  marks: [
    {
      kind: 'line',
      x1: 10,
      y1: 10,
      x2: 100,
      y2: 10,
      stroke: '#777777',
      width: 2,
      title: 'a and b',
      target: { kind: 'pair', a: 'a', b: 'b' },
    },
    { kind: 'circle', cx: 10, cy: 10, r: 8, fill: '#e15759', title: 'a: 3', target: { kind: 'code', code: 'a' } },
    { kind: 'text', x: 10, y: 30, text: 'a & b' },
  ],
};

describe('a picture in the page', () => {
  it('is one image scaled by its viewBox, its targets marked for a click and a thin line given room to hit', () => {
    const html = renderToStaticMarkup(createElement(SceneSvg, { scene, label: 'The map', onPick: () => {}, selected: 'code:a' }));
    expect(html).toMatch(/^<svg class="picture" viewBox="0 0 500 200" style="max-width:500px" role="img" aria-label="The map"/);
    expect(html).toContain('data-target="pair:a:b"');
    expect(html).toContain('class="pick picked" data-target="code:a"');
    // The visible line and a wider transparent one over it.
    expect(html.match(/<line /g)).toHaveLength(2);
    expect(html).toContain('stroke="transparent" stroke-width="14"');
    expect(html).toContain('>a &amp; b</text>');
  });

  it('without a click handler draws no targets', () => {
    const html = renderToStaticMarkup(createElement(SceneSvg, { scene, label: 'The map' }));
    expect(html).not.toContain('data-target');
    expect(html.match(/<line /g)).toHaveLength(1);
  });

  it('names every kind of target', () => {
    expect(targetKey({ kind: 'place', source: 's', start: 1, end: 4 })).toBe('place:s:1-4');
    expect(targetKey({ kind: 'cell', row: 'r', column: 'c' })).toBe('cell:r:c');
  });
});

describe('the pictures page’s address', () => {
  it('keeps the tab and a portrait’s transcript', () => {
    const route = { view: 'pictures', project: 'p 1', tab: 'portrait', source: 's/2' } as const;
    expect(href(route)).toBe('#/p/p%201/pictures/portrait/s%2F2');
    expect(parseRoute(href(route))).toEqual(route);
    expect(parseRoute('#/p/x/pictures/nonsense')).toEqual({ view: 'pictures', project: 'x', tab: 'codemap', source: null });
  });
});
