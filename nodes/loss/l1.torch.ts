// PyTorch export of the L1 sparsity loss (l1.ts).
import { lossPart } from './loss.torch';

export const l1Torch = lossPart({
  fn: 'l1_sparsity',
  ports: [{ id: 'in' }],
  source: String.raw`
def l1_sparsity(z):
    """mean over the batch of sum_j |z_j| (ISTA shrinks by this weight instead of differentiating it)."""
    return z.flatten(1).abs().sum(-1).mean()
`,
});
