// PyTorch export of Barlow Twins (barlow-twins.ts).
import { lossPart } from './loss.torch';

export const barlowTwinsTorch = lossPart({
  fn: 'barlow_twins',
  ports: [{ id: 'z', global: true }],
  args: (p) => ({ lambd: p.lambda }),
  terms: true,
  source: String.raw`
def barlow_twins(z, lambd=0.0051):
    """facebookresearch/barlowtwins main.py: the cross-correlation of the two branches,
    each batch-normalised (BatchNorm1d(affine=False), biased variance, eps 1e-5),
    divided by the global batch size (the official all_reduce of c)."""
    z1, z2 = split_views(z, 2)
    n, d = z1.shape
    bn = lambda t: (t - t.mean(0)) / torch.sqrt(t.var(0, unbiased=False) + 1e-5)
    c = bn(z1).t() @ bn(z2) / n
    eye = torch.eye(d)
    on = ((torch.diagonal(c) - 1) ** 2).sum()
    off = ((c * (1 - eye)) ** 2).sum()
    return on + lambd * off, {"onDiag": on, "offDiag": off}
`,
});
