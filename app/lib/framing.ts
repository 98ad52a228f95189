// Where the canvas looks when a graph opens (a preset, an import, the views
// opening, the Layout command): the whole graph, centred, within pixel margins,
// never past 100 %. Node text is 13 px at 100 % (FlowNode.css), so at
// READABLE_ZOOM and above it stays at 11 px or more on screen; the preset
// layouts are drawn to fit the canvas at 1440×900 at that zoom or above.

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

/** The smallest node text, in canvas pixels (FlowNode.css keeps every node text at or above it). */
export const NODE_TEXT_PX = 13;
/** 13 px node text stays at 11 px or more on screen. */
export const READABLE_ZOOM = 11 / NODE_TEXT_PX;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The whole of `bounds` inside the margins, centred, at the largest zoom up to `maxZoom`. */
export function frameViewport(bounds: Rect, width: number, height: number, m: Margins, maxZoom = 1): Viewport {
  const w = Math.max(1, width - m.left - m.right);
  const h = Math.max(1, height - m.top - m.bottom);
  const zoom = Math.min(w / Math.max(1, bounds.width), h / Math.max(1, bounds.height), maxZoom);
  return {
    x: m.left + (w - bounds.width * zoom) / 2 - bounds.x * zoom,
    y: m.top + (h - bounds.height * zoom) / 2 - bounds.y * zoom,
    zoom,
  };
}

/**
 * Frames the graph above a band kept free at the bottom (for the minimap), unless
 * the band would push the zoom below READABLE_ZOOM while the full height would
 * not: then the graph uses the full height less `low` (the zoom buttons' strip)
 * and `band` is false (the minimap gives way to readable text).
 */
export function frameGraph(bounds: Rect, width: number, height: number, margin: number, band: number, low = 0): Viewport & { band: boolean } {
  const m = { top: margin, right: margin, bottom: margin + Math.min(low, band), left: margin };
  const banded = frameViewport(bounds, width, height, { ...m, bottom: margin + band });
  if (band <= 0 || banded.zoom >= READABLE_ZOOM) return { ...banded, band: band > 0 };
  const full = frameViewport(bounds, width, height, m);
  return full.zoom > banded.zoom ? { ...full, band: false } : { ...banded, band: true };
}
