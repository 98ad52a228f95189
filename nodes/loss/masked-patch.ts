import { maskedPatchLoss } from '../../engine/ops/mae';
import { bool } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { formatType, problem } from '../../engine/types';
import { LOSS_OUT, scalarType, weightParam } from './common';

export const maskedPatch = defineNode({
  type: 'loss.masked-patch',
  version: 1,
  label: 'Masked patch loss',
  category: 'loss',
  doc: 'MAE’s objective: mean squared error between predicted and true pixels of the hidden patches only. Scoring visible patches would reward copying; the hidden ones can only be filled in from context. Normalised targets compare each patch after removing its own mean and scale.',
  formula: 'mean over hidden patches of (pred − target)²',
  lecture: 'Attention and masking',
  inputs: [
    { id: 'prediction', label: 'prediction', type: 'tokens', doc: 'Pixels predicted for each hidden patch [B, T_hidden, p·p·C].' },
    { id: 'target', label: 'image', type: 'image', doc: 'The clean image the patches were cut from.' },
    { id: 'mask', label: 'mask', type: 'mask' },
  ],
  outputs: LOSS_OUT,
  params: {
    normPix: bool({ label: 'Normalised targets', default: false, doc: 'Normalise each target patch to zero mean and unit variance (MAE’s norm_pix_loss).' }),
    weight: weightParam(),
  },
  example: {
    inputs: { prediction: { type: 'tokens', shape: ['B', 12, 49] }, target: { type: 'image', shape: ['B', 28, 28, 1] }, mask: { type: 'mask', shape: ['B', 4, 4] } },
  },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  infer: ({ inputs }) => {
    const { prediction: pr, target: im, mask: m } = inputs;
    if (im.type !== 'image' || im.shape.length !== 4) return problem(`image must be [B, H, W, C], got ${formatType(im)}`, { portIds: ['target'] });
    if (m.type !== 'mask' || pr.type !== 'tokens' || pr.shape.length !== 3) return problem('connect a Mask node’s mask and the predictor’s predictions', { portIds: ['prediction', 'mask'] });
    const [, h, w, c] = im.shape as [unknown, number, number, number];
    const [, gh, gw] = m.shape as [unknown, number, number];
    const patch = h / gh;
    if (!Number.isInteger(patch) || w / gw !== patch) return problem(`the ${gh}×${gw} mask does not tile the ${h}×${w} image`, { portIds: ['target', 'mask'] });
    if (pr.shape[2] !== patch * patch * c) return problem(`predictions have ${pr.shape[2]} values per patch; ${patch}×${patch} patches of ${c} channel(s) need ${patch * patch * c} (set the predictor’s output size)`, { code: 'shape-mismatch', portIds: ['prediction'] });
    return { loss: scalarType() };
  },
  forward({ tf, inputs, params, inputTypes, perSample }) {
    const patch = (inputTypes.target.shape[1] as number) / (inputTypes.mask.shape[1] as number);
    return { loss: maskedPatchLoss(tf, inputs.prediction, inputs.target, inputs.mask, patch, params.normPix, perSample) };
  },
});
