// PyTorch export of the KL divergence (kl.ts).
import { lossPart } from './loss.torch';

export const klTorch = lossPart({
  fn: 'kl_standard_normal',
  ports: [{ id: 'dist' }],
  source: String.raw`
def kl_standard_normal(dist):
    """KL(N(mu, sigma^2) || N(0, I)) summed over dims, averaged over the batch (the
    pytorch/examples VAE sums over the batch too: ours is theirs / B)."""
    mu, logvar = dist.unbind(1)
    return 0.5 * (logvar.exp() + mu ** 2 - logvar - 1).sum(-1).mean()
`,
});
