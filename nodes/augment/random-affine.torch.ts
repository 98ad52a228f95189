// PyTorch export of Random affine (random-affine.ts).
import { augmentPart } from './augment.torch';

export const randomAffineTorch = augmentPart(
  'random_affine',
  String.raw`
def random_affine(x, degrees, translate, scale, p):
    """Rotation, shift and zoom about the centre, bilinear, edge pixels repeated into
    the uncovered corners (tf.image.transform with 'nearest' fill)."""
    n, h, w, _ = x.shape
    applied = torch.rand(n) < p
    theta = torch.empty(n).uniform_(-degrees, degrees) * math.pi / 180
    tx = torch.empty(n).uniform_(-translate, translate) * w
    ty = torch.empty(n).uniform_(-translate, translate) * h
    s = torch.empty(n).uniform_(*scale)
    theta, s = torch.where(applied, theta, torch.zeros(n)), torch.where(applied, s, torch.ones(n))
    tx, ty = torch.where(applied, tx, torch.zeros(n)), torch.where(applied, ty, torch.zeros(n))
    cx, cy = (w - 1) / 2, (h - 1) / 2
    a0, a1 = torch.cos(theta) / s, torch.sin(theta) / s
    b0, b1 = -torch.sin(theta) / s, torch.cos(theta) / s
    ox, oy = cx + tx, cy + ty
    px = torch.arange(w).float()[None, None, :]
    py_ = torch.arange(h).float()[None, :, None]
    col = lambda t: t[:, None, None]
    src_x = col(a0) * px + col(a1) * py_ + col(cx - a0 * ox - a1 * oy)
    src_y = col(b0) * px + col(b1) * py_ + col(cy - b0 * ox - b1 * oy)
    return _sample(x, src_x, src_y)
`,
  (p) => ({ degrees: p.degrees, translate: p.translate, scale: [p.scaleMin, p.scaleMax], p: p.p }),
);
