// PyTorch export of Stop-gradient (stop-gradient.ts).
import type { TorchPart } from '../../engine/export/types';

export const stopGradientTorch: TorchPart = {
  forward: ({ inputs, out }) => [`${out.out} = ${inputs.in}.detach()`],
};
