// PyTorch export of Gaussian blur (gaussian-blur.ts).
import { augmentPart } from './augment.torch';

export const gaussianBlurTorch = augmentPart(
  'gaussian_blur',
  String.raw`
def gaussian_blur(x, sigma, p):
    """A separable Gaussian of random width per row (radius ceil(3 sigma_max)), reflect-padded."""
    n, h, w, c = x.shape
    r = max(0, min(math.ceil(3 * sigma[1]), h - 1, w - 1))
    if p <= 0 or r == 0:
        return x
    applied = torch.rand(n) < p
    s = torch.empty(n).uniform_(*sigma)
    j = torch.arange(-r, r + 1).float()
    taps = torch.exp(-(j[None] ** 2) / (2 * s[:, None].clamp_min(1e-12) ** 2))  # [N, k]
    taps = taps / taps.sum(1, keepdim=True)
    identity = (j == 0).float()[None].expand(n, -1)
    taps = torch.where(((s > 0) & applied)[:, None], taps, identity)
    img = F.pad(x.permute(0, 3, 1, 2).reshape(1, n * c, h, w), (r, r, r, r), mode="reflect")
    k = taps.repeat_interleave(c, 0)  # [N*C, k]
    img = F.conv2d(img, k[:, None, None, :], groups=n * c)
    img = F.conv2d(img, k[:, None, :, None], groups=n * c)
    return img.reshape(n, c, h, w).permute(0, 2, 3, 1)
`,
  (p) => ({ sigma: [p.sigmaMin, p.sigmaMax], p: p.p }),
);
