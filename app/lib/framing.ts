// Where the canvas looks when a graph opens (a preset, an import, the views
// opening): the whole graph, centred, within pixel margins (React Flow's
// fitView took 20 % of each side as padding). With a `floor` zoom, a graph that
// only fits below it opens at the floor instead, anchored on its left edge where
// its data enters; the studio passes no floor yet (see use-framing.ts).

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** 13 px node text stays above 11 px on screen. */
export const READABLE_ZOOM = 0.85;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export function frameViewport(bounds: Rect, width: number, height: number, m: Margins, maxZoom = 1, floor = READABLE_ZOOM): Viewport {
  const w = Math.max(1, width - m.left - m.right);
  const h = Math.max(1, height - m.top - m.bottom);
  const fit = Math.min(w / Math.max(1, bounds.width), h / Math.max(1, bounds.height), maxZoom);
  const zoom = Math.max(fit, Math.min(floor, maxZoom));
  const gw = bounds.width * zoom;
  const gh = bounds.height * zoom;
  // centered along an axis where the graph fits, else its left (top) edge at the margin
  const x = gw <= w ? m.left + (w - gw) / 2 - bounds.x * zoom : m.left - bounds.x * zoom;
  const y = gh <= h ? m.top + (h - gh) / 2 - bounds.y * zoom : m.top - bounds.y * zoom;
  return { x, y, zoom };
}
