// PyTorch export of Random resized crop (random-resized-crop.ts).
import { augmentPart } from './augment.torch';

export const randomResizedCropTorch = augmentPart(
  'random_resized_crop',
  String.raw`
def random_resized_crop(x, scale, ratio, p):
    """A box of a random share of the area and aspect ratio, resized back (bilinear,
    corner to corner as tf.image.crop_and_resize). Inception-style: 10 tries, then
    the centre crop at the nearest allowed ratio."""
    n, h, w, _ = x.shape
    applied = torch.rand(n) < p
    area = torch.empty(n, 10).uniform_(*scale) * h * w
    r = torch.exp(torch.empty(n, 10).uniform_(math.log(ratio[0]), math.log(ratio[1])))
    cw, ch = torch.sqrt(area * r), torch.sqrt(area / r)
    ok = (cw <= w) & (ch <= h)
    first = torch.where(ok.any(1), ok.float().argmax(1), torch.zeros(n, dtype=torch.long))
    pick = lambda t: t.gather(1, first[:, None])[:, 0]
    cw, ch, found = pick(cw), pick(ch), ok.any(1)
    fw = min(w, h * ratio[1]) if w / h > ratio[1] else w
    fh = w / ratio[0] if w / h < ratio[0] else h
    cw = torch.where(found, cw, torch.full((n,), float(fw)))
    ch = torch.where(found, ch, torch.full((n,), float(fh)))
    top = torch.where(found, torch.rand(n) * (h - ch), (h - ch) / 2)
    left = torch.where(found, torch.rand(n) * (w - cw), (w - cw) / 2)
    top, left = torch.where(applied, top, torch.zeros(n)), torch.where(applied, left, torch.zeros(n))
    ch, cw = torch.where(applied, ch, torch.full((n,), float(h))), torch.where(applied, cw, torch.full((n,), float(w)))
    iy = torch.arange(h).float()[None, :, None]
    ix = torch.arange(w).float()[None, None, :]
    src_y = (top / h * (h - 1))[:, None, None] + iy * (ch / h * (h - 1) / max(h - 1, 1))[:, None, None]
    src_x = (left / w * (w - 1))[:, None, None] + ix * (cw / w * (w - 1) / max(w - 1, 1))[:, None, None]
    return _sample(x, src_x.expand(n, h, w), src_y.expand(n, h, w))
`,
  (p) => ({ scale: [p.scaleMin, p.scaleMax], ratio: [p.ratioMin, p.ratioMax], p: p.p }),
);
