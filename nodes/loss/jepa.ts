import { jepaLoss } from '../../engine/ops/jepa';
import { bool, choice } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { formatType, problem } from '../../engine/types';
import { LOSS_OUT, scalarType, weightParam } from './common';

export const jepa = defineNode({
  type: 'loss.jepa',
  version: 1,
  label: 'JEPA loss',
  category: 'loss',
  doc: 'I-JEPA’s objective: the distance, in embedding space, between the predictor’s guesses for the hidden blocks and the target encoder’s tokens there. Predicting representations instead of pixels lets the model ignore unpredictable detail; the slow EMA target and the layer-normalised targets keep it from collapsing.',
  formula: 'smooth-L1(pred, LN(target-encoder tokens)) at the hidden positions',
  lecture: 'Attention and masking',
  inputs: [
    { id: 'prediction', label: 'prediction', type: 'tokens', doc: 'The predictor’s output for each hidden patch [B, T_hidden, D].' },
    { id: 'target', label: 'target', type: 'tokens', doc: 'The target (momentum) encoder’s tokens of the whole image [B, T, D].' },
    { id: 'mask', label: 'mask', type: 'mask' },
  ],
  outputs: LOSS_OUT,
  params: {
    normalize: bool({ label: 'Normalise targets', default: true, doc: 'Layer-normalise each target token (no affine), as the official I-JEPA code does.' }),
    distance: choice({ label: 'Distance', options: ['smooth-l1', 'mse'] as const, default: 'smooth-l1', doc: 'smooth-l1: the official code’s F.smooth_l1_loss. mse: the paper’s squared L2.' }),
    weight: weightParam(),
  },
  example: {
    inputs: { prediction: { type: 'tokens', shape: ['B', 4, 32] }, target: { type: 'tokens', shape: ['B', 16, 32], grid: [4, 4] }, mask: { type: 'mask', shape: ['B', 4, 4] } },
  },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  infer: ({ inputs }) => {
    const { prediction: pr, target: t, mask: m } = inputs;
    if (pr.type !== 'tokens' || t.type !== 'tokens' || pr.shape.length !== 3 || t.shape.length !== 3) return problem('prediction and target must be tokens [B, T, D]', { portIds: ['prediction', 'target'] });
    if (m.type !== 'mask') return problem(`mask must come from a Mask node, got ${formatType(m)}`, { portIds: ['mask'] });
    const total = (m.shape[1] as number) * (m.shape[2] as number);
    if (t.shape[1] !== total) return problem(`the target has ${t.shape[1]} tokens but the mask covers ${total} patches: the target encoder must see the whole image`, { code: 'shape-mismatch', portIds: ['target', 'mask'] });
    if (pr.shape[2] !== t.shape[2]) return problem(`prediction ${formatType(pr)} and target ${formatType(t)} must have the same token width`, { code: 'shape-mismatch', portIds: ['prediction', 'target'] });
    return { loss: scalarType() };
  },
  forward({ tf, inputs, params, perSample }) {
    return { loss: jepaLoss(tf, inputs.prediction, inputs.target, inputs.mask, { normalize: params.normalize, distance: params.distance }, perSample) };
  },
});
