// PyTorch export of Salt and pepper (salt-and-pepper.ts).
import { augmentPart } from './augment.torch';

export const saltAndPepperTorch = augmentPart(
  'salt_and_pepper',
  String.raw`
def salt_and_pepper(x, amount, value_range, p):
    """A share 'amount' of each row's pixels set to the range's ends, half each."""
    n, h, w, c = x.shape
    applied = (torch.rand(n) < p)[:, None, None, None]
    u = torch.rand(n, h, w, 1)
    hit = applied & (u < amount)
    v = torch.where(u < amount / 2, torch.tensor(float(value_range[1])), torch.tensor(float(value_range[0])))
    return torch.where(hit, v.expand(n, h, w, c), x)
`,
  (p) => ({ amount: p.amount, value_range: p.range === '0..1' ? [0, 1] : [-1, 1], p: p.p }),
);
