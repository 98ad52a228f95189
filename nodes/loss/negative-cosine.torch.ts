// PyTorch export of the negative cosine loss (negative-cosine.ts), BYOL or SimSiam form.
import { lossPart } from './loss.torch';

export const negativeCosineTorch = lossPart({
  fn: 'negative_cosine',
  ports: [{ id: 'p' }, { id: 'z' }],
  args: (p) => ({ form: p.form }),
  source: String.raw`
def negative_cosine(p, z, form="byol"):
    """byol: ||n(p1) - n(z2)||^2 + ||n(p2) - n(z1)||^2 (deepmind-research/byol
    regression_loss, summed over the two directions); simsiam: -(cos(p1, z2) +
    cos(p2, z1)) / 2 (facebookresearch/simsiam). The targets carry no gradient upstream."""
    p1, p2 = split_views(p, 2)
    z1, z2 = split_views(z, 2)
    if form == "byol":
        reg = lambda a, b: ((l2_normalize(a) - l2_normalize(b)) ** 2).sum(-1).mean()
        return reg(p1, z2) + reg(p2, z1)
    cos = lambda a, b: (l2_normalize(a) * l2_normalize(b)).sum(-1).mean()
    return -0.5 * (cos(p1, z2) + cos(p2, z1))
`,
});
