// Image preparation shared by the import (mixed sizes to one size, colour detection)
// and the "Your data" node (resize to 28/32/64, grayscale or RGB). Works on byte
// arrays only: tensor-free, DOM-free.

/** For each output index along one axis: the source indices and weights that make it. */
function axisWeights(from: number, to: number): Array<{ idx: Int32Array; w: Float32Array }> {
  const out: Array<{ idx: Int32Array; w: Float32Array }> = [];
  const scale = from / to;
  for (let o = 0; o < to; o++) {
    if (scale > 1) {
      // shrinking: average the source footprint (area), so thin strokes are not dropped
      const a = o * scale;
      const b = a + scale;
      const idx: number[] = [];
      const w: number[] = [];
      for (let s = Math.floor(a); s < Math.ceil(b) && s < from; s++) {
        idx.push(s);
        w.push((Math.min(b, s + 1) - Math.max(a, s)) / scale);
      }
      out.push({ idx: Int32Array.from(idx), w: Float32Array.from(w) });
    } else {
      // enlarging or same size: bilinear between the two nearest source centres
      const c = Math.min(Math.max((o + 0.5) * scale - 0.5, 0), from - 1);
      const s0 = Math.floor(c);
      const s1 = Math.min(s0 + 1, from - 1);
      const t = c - s0;
      out.push({ idx: Int32Array.from([s0, s1]), w: Float32Array.from([1 - t, t]) });
    }
  }
  return out;
}

/**
 * Resamples one image [h, w, c] (interleaved bytes) to [size, size, c] after cropping the
 * central square, so photos keep their aspect ratio. Returns the bytes written into `out`
 * at `offset`.
 */
export function resizeSquare(src: ArrayLike<number>, w: number, h: number, c: number, size: number, out: Uint8Array, offset = 0): void {
  const side = Math.min(w, h);
  const x0 = Math.floor((w - side) / 2);
  const y0 = Math.floor((h - side) / 2);
  if (side === size) {
    for (let y = 0; y < size; y++) for (let x = 0; x < size * c; x++) out[offset + y * size * c + x] = src[((y0 + y) * w + x0) * c + x];
    return;
  }
  const wx = axisWeights(side, size);
  const wy = axisWeights(side, size);
  const row = new Float32Array(size * c); // one output row, horizontal pass of one source row
  const acc = new Float32Array(size * c);
  for (let oy = 0; oy < size; oy++) {
    acc.fill(0);
    const { idx: ys, w: yw } = wy[oy];
    for (let k = 0; k < ys.length; k++) {
      const base = ((y0 + ys[k]) * w + x0) * c;
      row.fill(0);
      for (let ox = 0; ox < size; ox++) {
        const { idx: xs, w: xw } = wx[ox];
        for (let j = 0; j < xs.length; j++) for (let ch = 0; ch < c; ch++) row[ox * c + ch] += xw[j] * src[base + xs[j] * c + ch];
      }
      for (let i = 0; i < row.length; i++) acc[i] += yw[k] * row[i];
    }
    for (let i = 0; i < acc.length; i++) out[offset + oy * size * c + i] = Math.min(255, Math.max(0, Math.round(acc[i])));
  }
}

/** ITU-R 601 luma, the weights PIL's convert('L') uses. */
export const luma = (r: number, g: number, b: number) => Math.round(0.299 * r + 0.587 * g + 0.114 * b);

/** Converts interleaved pixels between 1 and 3 (or from 4, RGBA) channels. */
export function convertChannels(src: Uint8Array | Uint8ClampedArray, from: number, to: 1 | 3): Uint8Array {
  const n = src.length / from;
  const out = new Uint8Array(n * to);
  for (let p = 0; p < n; p++) {
    const r = src[p * from];
    const g = from >= 3 ? src[p * from + 1] : r;
    const b = from >= 3 ? src[p * from + 2] : r;
    if (to === 1) out[p] = from === 1 ? r : luma(r, g, b);
    else {
      out[3 * p] = r;
      out[3 * p + 1] = g;
      out[3 * p + 2] = b;
    }
  }
  return out;
}

/** True when any pixel's channels differ (a colour image rather than grey stored as RGB). */
export function hasColor(rgba: Uint8Array | Uint8ClampedArray, channels = 4): boolean {
  for (let p = 0; p < rgba.length; p += channels) if (Math.abs(rgba[p] - rgba[p + 1]) > 2 || Math.abs(rgba[p + 1] - rgba[p + 2]) > 2) return true;
  return false;
}

/**
 * A stored image set [N, s, s, c] prepared for a node: resized to `size` and converted
 * to `channels`. Returns the input itself when nothing changes.
 */
export function prepareImages(data: Uint8Array, count: number, stored: [number, number, number], size: number, channels: 1 | 3): Uint8Array {
  const [s, , c] = stored;
  if (s === size && c === channels) return data;
  const per = s * s * c;
  const out = new Uint8Array(count * size * size * channels);
  const tmp = new Uint8Array(size * size * c);
  for (let i = 0; i < count; i++) {
    const img = data.subarray(i * per, (i + 1) * per);
    if (s === size) out.set(convertChannels(img, c, channels), i * size * size * channels);
    else {
      resizeSquare(img, s, s, c, size, tmp);
      out.set(c === channels ? tmp : convertChannels(tmp, c, channels), i * size * size * channels);
    }
  }
  return out;
}
