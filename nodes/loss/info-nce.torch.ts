// PyTorch export of InfoNCE / NT-Xent (info-nce.ts).
import { lossPart } from './loss.torch';

export const infoNceTorch = lossPart({
  fn: 'nt_xent',
  ports: [{ id: 'z', global: true }],
  args: (p) => ({ temperature: p.temperature }),
  source: String.raw`
def nt_xent(z, temperature=0.5):
    """SimCLR's NT-Xent over the 2B views (google-research/simclr objective.py): cosine
    logits / tau, self-similarity masked with -1e9, the other view as the positive.
    Under torchrun z holds the global batch (all-gathered with gradient), so every
    rank contrasts against every other rank's negatives."""
    z1, z2 = split_views(z, 2)
    b = z1.shape[0]
    h = torch.cat([l2_normalize(z1), l2_normalize(z2)], 0)  # [2B, D]
    logits = h @ h.t() / temperature - torch.eye(2 * b) * 1e9
    pos = (torch.arange(2 * b) + b) % (2 * b)
    return F.cross_entropy(logits, pos)
`,
});
