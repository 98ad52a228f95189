// PyTorch export of Cutout (cutout.ts).
import { augmentPart } from './augment.torch';

export const cutoutTorch = augmentPart(
  'cutout',
  String.raw`
def cutout(x, size, fill, p):
    """One square hole per row (side = size x the shorter side), filled with a constant."""
    n, h, w, c = x.shape
    side = max(1, min(h, w, round(size * min(h, w))))
    applied = torch.rand(n) < p
    top = (torch.rand(n) * (h - side + 1)).floor()[:, None, None]
    left = (torch.rand(n) * (w - side + 1)).floor()[:, None, None]
    yy = torch.arange(h).float()[None, :, None]
    xx = torch.arange(w).float()[None, None, :]
    hole = (yy >= top) & (yy < top + side) & (xx >= left) & (xx < left + side) & applied[:, None, None]
    return torch.where(hole[..., None], torch.full_like(x, fill), x)
`,
  (p) => ({ size: p.size, fill: p.fill, p: p.p }),
);
