// PyTorch export of the Noise source (noise-source.ts).
import type { TorchPart } from '../../engine/export/types';

export const noiseSourceTorch: TorchPart = {
  forward: ({ id, out, params }) => [
    `${out.z} = self.draw(${JSON.stringify(`${id}.z`)}, lambda: ${params.distribution === 'normal' ? `torch.randn(rows, ${params.dim})` : `torch.rand(rows, ${params.dim}) * 2 - 1`})  # [B, ${params.dim}]`,
  ],
};
