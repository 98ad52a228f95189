'use client';
// Pans the canvas, smoothly and as little as it can (app/lib/keep-in-view.ts),
// so that a node, note or frame moved or focused by keyboard stays on screen;
// the zoom is left alone. Mouse drags have React Flow's own edge panning.
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import type { Rect, Viewport } from '../../lib/framing';
import { revealViewport } from '../../lib/keep-in-view';

const PAN_MS = 160;

// Where a pan under way is heading: held key repeats reveal from there, not from
// mid-flight, so the item never slips behind a pan that is still catching up.
const heading = new WeakMap<object, { vp: Viewport; until: number }>();

/** The box of a DOM element in flow units, under React Flow's current transform. */
export function flowRectOf(el: Element, pane: Element, [tx, ty, zoom]: readonly [number, number, number]): Rect {
  const r = el.getBoundingClientRect();
  const p = pane.getBoundingClientRect();
  // a pane scrolled by the browser (to show a focused element) shifts its content by the scroll
  const left = r.left - p.left + pane.scrollLeft;
  const top = r.top - p.top + pane.scrollTop;
  return { x: (left - tx) / zoom, y: (top - ty) / zoom, width: r.width / zoom, height: r.height / zoom };
}

/** A function that pans the least needed to show `item` (flow units) inside the pane with a margin. */
export function useKeepInView(): (item: Rect | null) => void {
  const store = useStoreApi();
  const rf = useReactFlow();
  return useCallback(
    (item: Rect | null) => {
      if (!item) return;
      const { transform, width, height } = store.getState();
      const [x, y, zoom] = transform;
      const now = performance.now();
      const h = heading.get(store);
      const from = h && now < h.until && h.vp.zoom === zoom ? h.vp : { x, y, zoom };
      const vp = revealViewport(item, from, { width, height });
      if (!vp) return;
      const duration = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 0 : PAN_MS;
      heading.set(store, { vp, until: now + duration });
      // linear: d3's default path zooms out and back in on the way, and the zoom must not change
      void rf.setViewport(vp, { duration, interpolate: 'linear' });
    },
    [rf, store],
  );
}
