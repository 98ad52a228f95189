// PyTorch export of Horizontal flip (horizontal-flip.ts).
import { augmentPart } from './augment.torch';

export const horizontalFlipTorch = augmentPart(
  'horizontal_flip',
  String.raw`
def horizontal_flip(x, p):
    """Each row mirrored left to right with probability p."""
    return _select(x, x.flip(2), torch.rand(x.shape[0]) < p)
`,
  (p) => ({ p: p.p }),
);
