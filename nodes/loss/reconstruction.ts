import { reconstructionLoss } from '../../engine/ops/reconstruction';
import { choice, num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize, formatType, problem, type TensorType } from '../../engine/types';

/** What to change on the node making the prediction when two images differ (an RGB dataset under a grey decoder). */
function imageHint(p: TensorType, t: TensorType): string {
  if (p.type !== 'image' || t.type !== 'image' || p.shape.length !== 4 || t.shape.length !== 4) return '';
  const [, ph, pw, pc] = p.shape;
  const [, th, tw, tc] = t.shape;
  if (ph !== th || pw !== tw) return `: set the producing node's Image height and width to ${th} × ${tw}`;
  if (pc !== tc) return `: the target has ${tc} channel${tc === 1 ? '' : 's'}, so set the producing node's Image channels to ${tc}`;
  return '';
}

export const reconstruction = defineNode({
  type: 'loss.reconstruction',
  version: 1,
  label: 'Reconstruction loss',
  category: 'loss',
  probes: ['fit'],
  doc: 'How far the reconstruction is from the target: the energy of an autoencoder. MSE treats pixels as Gaussian; BCE treats them as Bernoulli probabilities and wants a sigmoid output and targets in 0..1.',
  formula: 'MSE: mean (x̂ − x)²  ·  BCE: −Σ [x log x̂ + (1 − x) log(1 − x̂)]',
  lecture: 'Autoencoders and generative models',
  inputs: [
    { id: 'prediction', label: 'prediction', type: 'image', accepts: ['image', 'vector'] },
    { id: 'target', label: 'target', type: 'image', accepts: ['image', 'vector'] },
  ],
  outputs: [{ id: 'loss', label: 'loss', type: 'scalar' }],
  params: {
    kind: choice({ label: 'Loss', options: ['mse', 'bce'] as const, default: 'mse', doc: 'Mean squared error or binary cross-entropy.' }),
    reduction: choice({ label: 'Reduction', options: ['mean', 'sum'] as const, default: 'mean', doc: 'mean: over every pixel; sum: over the pixels of an image, mean over the batch (nats per image, as in the VAE).' }),
    weight: num({ label: 'Weight', default: 1, min: 0, max: 1000, step: 0.1, doc: 'Multiplier of this term in the total loss.' }),
  },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  infer: ({ inputs }) => {
    const { prediction: p, target: t } = inputs;
    if (featureSize(p) !== featureSize(t) || (p.views ?? 1) !== (t.views ?? 1)) {
      return problem(`prediction ${formatType(p)} and target ${formatType(t)} must have the same size${imageHint(p, t)}`, { code: 'shape-mismatch', portIds: ['prediction', 'target'] });
    }
    return { loss: { type: 'scalar', shape: [] } };
  },
  forward({ tf, inputs, params, perSample, probe }) {
    // on 2-D points the energy view draws each point's reconstruction (dec(ž) of a latent-variable EBM)
    probe?.('fit', inputs.prediction);
    return { loss: reconstructionLoss(tf, inputs.prediction, inputs.target, params.kind, params.reduction, perSample) };
  },
});
