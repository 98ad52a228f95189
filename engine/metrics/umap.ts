// UMAP to 2-D (umap-js), for the latent plot when PCA's linear view hides the
// cluster structure. Seeded, and with few epochs: it runs in the worker every
// few hundred steps, so it must stay around a second for 1,000 points.
import { UMAP } from 'umap-js';
import { mulberry32 } from '../rng';

export function umap2d(values: ArrayLike<number>, n: number, d: number, seed = 7): Float32Array {
  const data: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => values[i * d + j]));
  const umap = new UMAP({ nComponents: 2, nNeighbors: Math.min(15, n - 1), minDist: 0.1, nEpochs: 200, random: mulberry32(seed) });
  const out = umap.fit(data);
  return Float32Array.from(out.flat());
}
