// PyTorch export of the Sampler (sampler.ts): the reparameterisation trick.
import type { TorchPart } from '../../engine/export/types';

export const samplerTorch: TorchPart = {
  forward: ({ id, inputs, out, params }) => [
    `mu, logvar = ${inputs.dist}.unbind(1)  # [N, d] each`,
    params.evaluation === 'mean'
      ? `${out.z} = mu if not self.training else mu + self.draw(${JSON.stringify(`${id}.eps`)}, lambda: torch.randn_like(mu)) * torch.exp(0.5 * logvar)`
      : `${out.z} = mu + self.draw(${JSON.stringify(`${id}.eps`)}, lambda: torch.randn_like(mu)) * torch.exp(0.5 * logvar)`,
  ],
};
