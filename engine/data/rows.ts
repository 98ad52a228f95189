// Turns dataset rows into the float batch a data node outputs. Tensor-free:
// data nodes wrap the result in a tensor.

/** Gathers image rows (bytes 0..255) scaled to the pixel range, with their labels. */
export function gatherImageRows(
  split: { pixels?: Uint8Array; labels: Uint8Array },
  sampleSize: number,
  indices: Int32Array,
  range: '0..1' | '-1..1',
): { pixels: Float32Array; labels: Int32Array } {
  const src = split.pixels;
  if (!src) throw new Error('this dataset holds no images');
  const pixels = new Float32Array(indices.length * sampleSize);
  const labels = new Int32Array(indices.length);
  const [lo, hi] = range === '0..1' ? [0, 1] : [-1, 1];
  const scale = (hi - lo) / 255;
  for (let r = 0; r < indices.length; r++) {
    const from = indices[r] * sampleSize;
    labels[r] = split.labels[indices[r]];
    for (let j = 0; j < sampleSize; j++) pixels[r * sampleSize + j] = lo + src[from + j] * scale;
  }
  return { pixels, labels };
}
