// PyTorch export of Colour jitter (colour-jitter.ts).
import { augmentPart } from './augment.torch';

export const colorJitterTorch = augmentPart(
  'colour_jitter',
  String.raw`
def colour_jitter(x, brightness, contrast, value_range, p):
    """Brightness scales the 0..1 intensities, contrast scales the distance to the
    row's mean grey (torchvision's ColorJitter factors), clipped to 0..1."""
    n = x.shape[0]
    lo, hi = value_range
    applied = torch.rand(n) < p
    bf = torch.empty(n).uniform_(max(0.0, 1 - brightness), 1 + brightness)
    cf = torch.empty(n).uniform_(max(0.0, 1 - contrast), 1 + contrast)
    u = (x - lo) / (hi - lo)
    b = (u * _rows(x, bf)).clamp(0, 1)
    mean = b.mean((1, 2, 3))
    y = (b * _rows(x, cf) + _rows(x, mean * (1 - cf))).clamp(0, 1) * (hi - lo) + lo
    return _select(x, y, applied)
`,
  (p) => ({ brightness: p.brightness, contrast: p.contrast, value_range: p.range === '0..1' ? [0, 1] : [-1, 1], p: p.p }),
);
