import { candidateEnergies, nearestCandidate, softMin } from '../../engine/ops/free-energy';
import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize, formatType, problem } from '../../engine/types';
import { LOSS_OUT, flat, scalarType, weightParam } from './common';

export const freeEnergy = defineNode({
  type: 'loss.free-energy',
  version: 1,
  label: 'Free energy',
  category: 'loss',
  probes: ['fit'],
  formula: 'F_β(y) = −(1/β) log (1/G) Σ_g exp(−β ‖y − dec(z_g)‖²)',
  lecture: 'Classical and energy-based',
  doc: 'The energy of a latent-variable EBM with the latent summed out: E(y, z) = ‖y − dec(z)‖² for each decoded code of a Latent grid, then the soft minimum F_β(y) = −(1/β) log mean_z exp(−β E(y, z)). Large β gives min_z E (the code of lowest energy alone); small β averages over the codes, so every code’s decoding is pulled towards y. Training lowers F on the data.',
  inputs: [
    { id: 'y', label: 'y', type: 'vector', accepts: ['vector'], doc: 'The observations [B, F].' },
    { id: 'candidates', label: 'dec(z)', type: 'vector', accepts: ['vector'], doc: 'The decoded grid [G·B, F]: a Latent grid through a decoder.' },
  ],
  outputs: LOSS_OUT,
  params: {
    beta: num({ label: 'β (inverse temperature)', default: 10, min: 0.01, max: 10000, step: 0.5, doc: 'β → ∞: the minimum over z; β → 0: the mean over z.' }),
    weight: weightParam(),
  },
  example: { inputs: { y: { type: 'vector', shape: ['B', 2] }, candidates: { type: 'vector', shape: ['B', 2], views: 5 } } },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  infer: ({ inputs }) => {
    const { y, candidates: c } = inputs;
    if ((y.views ?? 1) > 1) return problem(`y must be the data itself, got ${formatType(y)}`, { portIds: ['y'] });
    if ((c.views ?? 1) < 2) return problem(`dec(z) must decode a Latent grid (several codes per sample), got ${formatType(c)}`, { portIds: ['candidates'] });
    if (featureSize(y) !== featureSize(c)) return problem(`y ${formatType(y)} and dec(z) ${formatType(c)} must have the same size`, { code: 'shape-mismatch', portIds: ['y', 'candidates'] });
    return { loss: scalarType() };
  },
  forward(ctx) {
    const { tf, params, perSample } = ctx;
    const y = flat(tf, ctx.inputs.y); // [B, F]
    const c = flat(tf, ctx.inputs.candidates); // [G·B, F]
    const e = candidateEnergies(tf, y, c); // [B, G]
    ctx.probe?.('fit', nearestCandidate(tf, y, c, e));
    const f = softMin(tf, e, params.beta); // [B]
    return { loss: perSample ? f : tf.mean(f) };
  },
});
