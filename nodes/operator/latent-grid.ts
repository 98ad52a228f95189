// A fixed set of codes for latent-variable EBMs whose latent is summed over
// rather than descended on (the soft-min free energy): every code repeated for
// each sample of the batch, view-major, so a decoder after it decodes G candidate
// points per sample and the Free energy loss compares each sample with its G.
import { int, num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { problem } from '../../engine/types';

/** The G = points^dim codes [G, dim]: cell centres of a regular grid over [−range, range]^dim, first coordinate slowest. */
export function gridCodes(dim: number, points: number, range: number): Float32Array {
  const g = points ** dim;
  const out = new Float32Array(g * dim);
  for (let i = 0; i < g; i++) {
    let rest = i;
    for (let k = dim - 1; k >= 0; k--) {
      out[i * dim + k] = -range + (2 * range * ((rest % points) + 0.5)) / points;
      rest = Math.floor(rest / points);
    }
  }
  return out;
}

export const latentGrid = defineNode({
  type: 'op.latent-grid',
  version: 1,
  label: 'Latent grid',
  category: 'operator',
  formula: 'z_g on a grid over [−r, r]^d, G = points^d, repeated per sample',
  lecture: 'Classical and energy-based',
  doc: 'Every value of a latent z on a grid (G = points^dim codes over [−range, range]^dim), repeated for each sample: decoded, they are the G points the model can explain a sample with. The Free energy loss takes the soft minimum of the energies over them, −(1/β) log mean_z exp(−β E(y, z)): marginalising the latent instead of minimising over it.',
  inputs: [{ id: 'like', label: 'batch', type: 'vector', accepts: ['vector', 'image', 'latent'], doc: 'Any batch: only its size is read (one copy of the grid per sample).' }],
  outputs: [{ id: 'out', label: 'z grid', type: 'latent', doc: 'G·B codes, view-major: code 1 for every sample, then code 2, …' }],
  params: {
    dim: int({ label: 'Latent size', default: 1, min: 1, max: 2, doc: 'Dimension of z: 1 (a curve) or 2.' }),
    points: int({ label: 'Points per axis', default: 32, min: 2, max: 64, doc: 'Grid values along each axis of z (G = points^dim codes in all).' }),
    range: num({ label: 'Range', default: 3.14159, min: 0.01, max: 100, step: 0.1, doc: 'The grid covers [−range, range] on every axis (π: one turn of an angle).' }),
  },
  infer: ({ inputs, params }) => {
    if ((inputs.like.views ?? 1) > 1) return problem(`the batch already holds ${inputs.like.views} stacked views; feed the grid the data itself`, { portIds: ['like'] });
    if (params.points ** params.dim > 1024) return problem(`${params.points ** params.dim} codes are too many; keep points^dim ≤ 1024`);
    return { out: { type: 'latent', shape: ['B', params.dim], views: params.points ** params.dim } };
  },
  forward({ tf, inputs, params }) {
    const b = inputs.like.shape[0];
    const codes = tf.tensor2d(gridCodes(params.dim, params.points, params.range), [params.points ** params.dim, params.dim]); // [G, d]
    // [G·B, d]: row g·B + b is code g
    return { out: tf.reshape(tf.tile(tf.expandDims(codes, 1), [1, b, 1]), [-1, params.dim]) };
  },
});
