// Toy 2-D point datasets (moons, circles, spirals, blobs, swiss roll, an ellipse
// generated from a latent angle): small
// enough to train in seconds and to draw the whole input space, which is what
// an energy landscape or a learned density plot needs. Tensor-free, seeded.
import { hashSeed, mulberry32 } from '../rng';
import type { Dataset } from '../spec';
import { gatherRows, stratifiedSplit } from './stratified-split';

export const TOY2D_KINDS = ['moons', 'circles', 'spirals', 'blobs', 'swiss-roll', 'ellipse'] as const;
export type Toy2dKind = (typeof TOY2D_KINDS)[number];

export interface Toy2dOptions {
  kind: Toy2dKind;
  /** Train + test points. */
  samples: number;
  /** Std of the Gaussian jitter added to every point, in output (plot) units. */
  noise: number;
}

/** Number of classes of each kind (what the labels count). */
export const TOY2D_CLASSES: Record<Toy2dKind, number> = { moons: 2, circles: 2, spirals: 2, blobs: 4, 'swiss-roll': 4, ellipse: 4 };

/** Semi-axes of the ellipse: y = (a cos z, b sin z) + noise, the latent-variable EBM lecture's example. */
export const ELLIPSE_AXES: [number, number] = [1.3, 0.8];

export const TOY2D_TEST_FRACTION = 0.2;

/** Blobs have a spread of their own; the noise param adds to it. */
const BLOB_STD = 0.2;

/** The dataset's name: changes whenever its content would (the graph seed is appended by the loader). */
export function toy2dName(o: Toy2dOptions): string {
  return `toy2d-${o.kind}-${o.samples}-${o.noise}`;
}

function gaussian(rand: () => number): number {
  // Box–Muller; 1 − u keeps the log argument in (0, 1]
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * One clean point of class `k` (before jitter), already scaled so the set
 * spans roughly [-1.5, 1.5]: the default plot range [-2, 2] then shows it
 * whole, with a margin for the energy to rise around it.
 */
function point(kind: Toy2dKind, k: number, rand: () => number): [number, number] {
  switch (kind) {
    case 'moons': {
      // scikit-learn's make_moons, centred and scaled by 0.9: x in [-1.35, 1.35], y in [-0.68, 0.68]
      const t = Math.PI * rand();
      const [x, y] = k === 0 ? [Math.cos(t) - 0.5, Math.sin(t) - 0.25] : [0.5 - Math.cos(t), 0.25 - Math.sin(t)];
      return [0.9 * x, 0.9 * y];
    }
    case 'circles': {
      const t = 2 * Math.PI * rand();
      const r = k === 0 ? 1.25 : 0.6;
      return [r * Math.cos(t), r * Math.sin(t)];
    }
    case 'spirals': {
      // two interleaved arms, 1.5 turns each; sqrt spreads points evenly along the arc
      const t = Math.sqrt(rand());
      const a = 3 * Math.PI * t + k * Math.PI;
      const r = 0.1 + 1.3 * t;
      return [r * Math.cos(a), r * Math.sin(a)];
    }
    case 'blobs': {
      const a = Math.PI / 4 + (k * Math.PI) / 2;
      // centres at (±0.75, ±0.75)
      const c = 0.75 * Math.SQRT2;
      return [c * Math.cos(a) + BLOB_STD * gaussian(rand), c * Math.sin(a) + BLOB_STD * gaussian(rand)];
    }
    case 'swiss-roll': {
      // scikit-learn's make_swiss_roll seen from the side: t in [1.5π, 4.5π];
      // class k draws t from the k-th quarter of that range, so the 4 classes
      // are 4 consecutive stretches of the roll
      const t = 1.5 * Math.PI * (1 + 2 * ((k + rand()) / 4));
      const s = 1.4 / (4.5 * Math.PI);
      return [s * t * Math.cos(t), s * t * Math.sin(t)];
    }
    case 'ellipse': {
      // the latent z is the angle; class k draws it from the k-th quarter turn,
      // so colouring by class shows which part of the curve generated a point
      const z = (Math.PI / 2) * (k + rand());
      return [ELLIPSE_AXES[0] * Math.cos(z), ELLIPSE_AXES[1] * Math.sin(z)];
    }
  }
}

/** Draws the dataset: classes equally represented, 80/20 stratified train/test split. */
export function makeToy2d(o: Toy2dOptions, seed: number): Dataset {
  // two streams: the clean points and the split do not depend on the noise,
  // so moving the noise slider jitters the same points rather than new ones
  const rand = mulberry32(hashSeed(seed, 'toy2d', o.kind, o.samples));
  const jitter = mulberry32(hashSeed(seed, 'toy2d-noise', o.kind, o.samples));
  const classes = TOY2D_CLASSES[o.kind];
  const n = o.samples;
  const values = new Float32Array(n * 2); // [N, 2]
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % classes;
    const [x, y] = point(o.kind, k, rand);
    values[2 * i] = x + o.noise * gaussian(jitter);
    values[2 * i + 1] = y + o.noise * gaussian(jitter);
    labels[i] = k;
  }
  const split = stratifiedSplit(labels, classes, TOY2D_TEST_FRACTION, rand);
  const part = (idx: Int32Array) => ({
    count: idx.length,
    values: gatherRows(values, 2, idx, (m) => new Float32Array(m)),
    labels: gatherRows(labels, 1, idx, (m) => new Uint8Array(m)),
  });
  return { name: toy2dName(o), kind: 'points', sampleShape: [2], classes, train: part(split.train), test: part(split.test) };
}
