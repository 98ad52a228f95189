// PyTorch export of Gaussian noise (gaussian-noise.ts): applied at evaluation too when set to 'always'.
import { augmentPart } from './augment.torch';

export const gaussianNoiseTorch = augmentPart(
  'gaussian_noise',
  String.raw`
def gaussian_noise(x, std, clip):
    """x + N(0, std^2), clipped to the pixel range when asked."""
    y = x + torch.randn_like(x) * std
    return y.clamp(*clip) if clip is not None else y
`,
  (p) => ({ std: p.std, clip: p.clip === 'none' ? null : p.clip === '0..1' ? [0, 1] : [-1, 1] }),
  (p) => p.train === 'always',
);
