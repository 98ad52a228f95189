// Pure helpers behind the training views: smoothing, decimation for drawing,
// the energy colour map and scales. No DOM and no React, so they are unit-tested
// in Node. Class and series colours are design tokens (app/lib/theme.ts); number
// formatting is app/lib/format.ts.

/**
 * Exponential moving average with TensorBoard's de-biasing: the running value
 * starts at 0, so early points are divided by (1 − wⁿ) instead of being pulled
 * towards 0 (or towards the first point, which over-weights it).
 * Gaps (null / non-finite) pass through as null and do not advance the average.
 */
export function debiasedEma(values: ArrayLike<number | null>, weight: number): (number | null)[] {
  const out = new Array<number | null>(values.length);
  if (weight <= 0) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      out[i] = v !== null && Number.isFinite(v) ? v : null;
    }
    return out;
  }
  let last = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || !Number.isFinite(v)) {
      out[i] = null;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    n++;
    out[i] = weight >= 1 ? v : last / (1 - Math.pow(weight, n));
  }
  return out;
}

/**
 * Indices to draw so that `columns` (aligned on one x axis) keep their visual
 * envelope at about `buckets` horizontal pixels: each bucket keeps its first
 * and last index and, for every column, the indices of its minimum and maximum.
 * Returns every index when the series is short enough to draw as is.
 */
export function decimateIndices(length: number, columns: ArrayLike<number | null>[], buckets: number): Int32Array {
  const b = Math.max(1, Math.floor(buckets));
  // below ~2 points per pixel, thinning buys nothing and loses detail
  if (length <= 2 * b) return Int32Array.from({ length }, (_, i) => i);
  const keep = new Uint8Array(length);
  const per = length / b;
  for (let k = 0; k < b; k++) {
    const lo = Math.floor(k * per);
    const hi = Math.min(length, Math.floor((k + 1) * per));
    if (hi <= lo) continue;
    keep[lo] = 1;
    keep[hi - 1] = 1;
    for (const col of columns) {
      let iMin = -1;
      let iMax = -1;
      let vMin = Infinity;
      let vMax = -Infinity;
      for (let i = lo; i < hi; i++) {
        const v = col[i];
        if (v === null || !Number.isFinite(v)) continue;
        if (v < vMin) [vMin, iMin] = [v, i];
        if (v > vMax) [vMax, iMax] = [v, i];
      }
      if (iMin >= 0) keep[iMin] = 1;
      if (iMax >= 0) keep[iMax] = 1;
    }
  }
  let count = 0;
  for (let i = 0; i < length; i++) count += keep[i];
  const out = new Int32Array(count);
  for (let i = 0, j = 0; i < length; i++) if (keep[i]) out[j++] = i;
  return out;
}

/** Picks `idx` out of a column (a plain array, which is what uPlot reads). */
export function pick<T>(col: ArrayLike<T>, idx: Int32Array): T[] {
  const out = new Array<T>(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = col[idx[i]];
  return out;
}

// Viridis at 9 stops (matplotlib's), linearly interpolated: perceptually uniform and
// readable for colour-blind viewers, which a rainbow map is not.
const VIRIDIS: [number, number, number][] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** 256 × RGB lookup table of viridis, built once. */
export const VIRIDIS_LUT: Uint8Array = (() => {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = (i / 255) * (VIRIDIS.length - 1);
    const k = Math.min(VIRIDIS.length - 2, Math.floor(t));
    const f = t - k;
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = Math.round(VIRIDIS[k][c] + f * (VIRIDIS[k + 1][c] - VIRIDIS[k][c]));
  }
  return lut;
})();

export function viridisCss(t: number): string {
  const i = Math.max(0, Math.min(255, Math.round(t * 255)));
  return `rgb(${VIRIDIS_LUT[i * 3]}, ${VIRIDIS_LUT[i * 3 + 1]}, ${VIRIDIS_LUT[i * 3 + 2]})`;
}

/** Finite minimum and maximum (NaN-safe); [0, 1] when there is nothing finite. */
export function finiteRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/**
 * A size × size grid of values -> RGBA bytes through viridis, low values dark.
 * Non-finite cells are drawn transparent.
 */
export function heatmapRgba(values: ArrayLike<number>, range: [number, number]): Uint8ClampedArray<ArrayBuffer> {
  const [lo, hi] = range;
  const span = hi - lo || 1;
  const out = new Uint8ClampedArray(new ArrayBuffer(values.length * 4));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const k = Math.max(0, Math.min(255, Math.round(((v - lo) / span) * 255)));
    out[i * 4] = VIRIDIS_LUT[k * 3];
    out[i * 4 + 1] = VIRIDIS_LUT[k * 3 + 1];
    out[i * 4 + 2] = VIRIDIS_LUT[k * 3 + 2];
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** Bounds of interleaved [x0, y0, x1, y1, …] points, padded by `pad` of the span on each side. */
export function pointBounds(points: ArrayLike<number>, pad = 0.04): { x0: number; x1: number; y0: number; y1: number } {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i];
    const y = points[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (!(x0 <= x1)) return { x0: -1, x1: 1, y0: -1, y1: 1 };
  // a degenerate axis (collapsed embedding) still gets a visible span
  const sx = x1 - x0 || Math.max(1e-6, Math.abs(x0) * 0.1 || 1);
  const sy = y1 - y0 || Math.max(1e-6, Math.abs(y0) * 0.1 || 1);
  return { x0: x0 - sx * pad - (x1 === x0 ? sx / 2 : 0), x1: x1 + sx * pad + (x1 === x0 ? sx / 2 : 0), y0: y0 - sy * pad - (y1 === y0 ? sy / 2 : 0), y1: y1 + sy * pad + (y1 === y0 ? sy / 2 : 0) };
}

/** Index of the point nearest (px, py) among screen-space points [x0, y0, …], or -1 when none is within `radius`. */
export function nearestPoint(screen: ArrayLike<number>, px: number, py: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i + 1 < screen.length; i += 2) {
    const dx = screen[i] - px;
    const dy = screen[i + 1] - py;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i / 2;
    }
  }
  return best;
}
