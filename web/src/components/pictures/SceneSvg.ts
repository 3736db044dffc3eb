import { createElement as h, type ReactElement } from 'react';
import type { Mark, Scene, Target } from '../../../../src/core/pictures/scene.js';
import { FONT, INK } from '../../../../src/core/pictures/scene.js';

/*
 * Written with createElement rather than JSX so that the node-side tests can render it to
 * markup (the root tsconfig has no JSX); it is a plain mapping of marks to elements.
 */

/** A target as text, to compare and to name in the page (`data-target`, for tests too). */
export const targetKey = (t: Target): string =>
  t.kind === 'code'
    ? `code:${t.code}`
    : t.kind === 'pair'
      ? `pair:${t.a}:${t.b}`
      : t.kind === 'place'
        ? `place:${t.source}:${t.start}-${t.end}`
        : `cell:${t.row}:${t.column}`;

interface Props {
  scene: Scene;
  label: string;
  onPick?: (target: Target) => void;
  selected?: string | null;
}

/**
 * A scene of src/core/pictures (the one the SVG and PNG exports are written from) drawn as SVG in
 * the page. It scales with its card through its viewBox: never wider than the card, nor than
 * its own size. Marks with a target are clickable by mouse; thin lines get a wider invisible
 * line to hit. To assistive technology it is one image; the table equivalent carries the same
 * figures and is what the keyboard uses.
 */
export function SceneSvg({ scene, label, onPick, selected }: Props): ReactElement {
  return h(
    'svg',
    {
      className: 'picture',
      viewBox: `0 0 ${scene.width} ${scene.height}`,
      style: { maxWidth: scene.width },
      role: 'img',
      'aria-label': label,
      fontFamily: FONT,
    },
    h('rect', { x: 0, y: 0, width: scene.width, height: scene.height, fill: '#ffffff' }),
    // The marks of a scene never move: their index is their identity.
    ...scene.marks.map((m, i) => markElement(m, i, onPick, selected ?? null)),
  );
}

function markElement(m: Mark, key: number, onPick: Props['onPick'], selected: string | null): ReactElement {
  const target = m.target && onPick ? m.target : null;
  const id = target ? targetKey(target) : null;
  const on = id !== null && id === selected;
  const pick = target ? { onClick: () => onPick?.(target), className: `pick${on ? ' picked' : ''}`, 'data-target': id } : {};
  const title = m.title ? h('title', null, m.title) : null;
  switch (m.kind) {
    case 'circle':
      return h(
        'circle',
        { key, cx: m.cx, cy: m.cy, r: m.r, fill: m.fill, stroke: on ? INK : m.stroke, strokeWidth: on ? 3 : 1, ...pick },
        title,
      );
    case 'line': {
      const at = { x1: m.x1, y1: m.y1, x2: m.x2, y2: m.y2 };
      return h(
        'g',
        { key, ...pick },
        title,
        h('line', {
          ...at,
          stroke: on ? INK : m.stroke,
          strokeWidth: m.width,
          strokeOpacity: on ? 0.9 : m.opacity,
          strokeLinecap: 'round',
        }),
        target ? h('line', { ...at, stroke: 'transparent', strokeWidth: Math.max(14, m.width + 8) }) : null,
      );
    }
    case 'rect':
      return h(
        'rect',
        {
          key,
          x: m.x,
          y: m.y,
          width: m.w,
          height: m.h,
          fill: m.fill,
          fillOpacity: m.opacity,
          stroke: on ? INK : m.stroke,
          strokeWidth: on ? 2 : undefined,
          ...pick,
        },
        title,
      );
    case 'text':
      return h(
        'text',
        {
          key,
          x: m.x,
          y: m.y,
          fontSize: m.size ?? 12,
          textAnchor: m.anchor ?? 'start',
          fontWeight: m.bold ? 'bold' : undefined,
          fill: m.fill ?? INK,
          transform: m.rotate ? `rotate(${m.rotate} ${m.x} ${m.y})` : undefined,
          ...pick,
        },
        m.text,
        title,
      );
  }
}
