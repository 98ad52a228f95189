// PyTorch export of Views (views.ts): the batch repeated view-major.
import type { TorchPart } from '../../engine/export/types';

export const viewsTorch: TorchPart = {
  // [count*B, ...]: view 1 of every sample, then view 2, as torch.repeat tiles
  forward: ({ inputs, out, params }) => [`${out.views} = ${inputs.in}.repeat(${params.count}, *([1] * (${inputs.in}.dim() - 1)))`],
};
