// The least pan that brings a box into the visible pane with a margin, the way
// tldraw and Figma keep a keyboard-moved or keyboard-focused item in view: no
// pan while it is inside, else just enough that its near edge sits at the margin.
// The zoom never changes, so the user keeps the scale they chose.
import type { Rect, Viewport } from './framing';

/** Screen pixels kept between a revealed item and the pane's edge. */
export const KEEP_MARGIN = 24;

/** One axis: the shift that brings [start, end] inside [margin, size - margin]. */
function axisShift(start: number, end: number, size: number, margin: number): number {
  const lo = margin;
  const hi = size - margin;
  if (end - start <= hi - lo) {
    if (start < lo) return lo - start;
    if (end > hi) return hi - end;
    return 0;
  }
  // larger than the room: it should fill the room, so move only the edge that leaves a gap
  if (start > lo) return lo - start;
  if (end < hi) return hi - end;
  return 0;
}

/** The pan (screen px, to add to the viewport's x and y) that brings `box`, in pane pixels, inside the pane less `margin`. */
export function revealShift(box: Rect, pane: { width: number; height: number }, margin = KEEP_MARGIN): { x: number; y: number } {
  const m = Math.max(0, Math.min(margin, pane.width / 4, pane.height / 4));
  return {
    x: axisShift(box.x, box.x + box.width, pane.width, m),
    y: axisShift(box.y, box.y + box.height, pane.height, m),
  };
}

/** The viewport that shows `item` (flow units) inside the pane less `margin`, at the same zoom; null when it already does. */
export function revealViewport(item: Rect, vp: Viewport, pane: { width: number; height: number }, margin = KEEP_MARGIN): Viewport | null {
  if (pane.width <= 0 || pane.height <= 0) return null;
  const box = { x: item.x * vp.zoom + vp.x, y: item.y * vp.zoom + vp.y, width: item.width * vp.zoom, height: item.height * vp.zoom };
  const d = revealShift(box, pane, margin);
  if (Math.abs(d.x) < 0.5 && Math.abs(d.y) < 0.5) return null;
  return { x: vp.x + d.x, y: vp.y + d.y, zoom: vp.zoom };
}

/** The smallest rect holding every one of `rects`; null for none. */
export function unionRect(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x, y, width: right - x, height: bottom - y };
}
