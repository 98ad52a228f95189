// PyTorch export of the Contractive penalty (contractive.ts): the encoder computes ||dh/dx||^2; λ is the loss weight.
import type { TorchPart } from '../../engine/export/types';

export const contractiveTorch: TorchPart = {
  forward: ({ id, inputs }) => [`terms[${JSON.stringify(id)}] = ${inputs.jacobian}.reshape(())`],
};
