// PyTorch export of the Masked patch loss (masked-patch.ts): MAE's forward_loss on
// the hidden patches.
import { lossPart } from './loss.torch';

export const maskedPatchTorch = lossPart({
  fn: 'masked_patch',
  ports: [{ id: 'prediction' }, { id: 'target' }, { id: 'mask' }],
  args: (p, a) => ({ patch: (a.inputTypes.target.shape[1] as number) / (a.inputTypes.mask.shape[1] as number), norm_pix: p.normPix }),
  source: String.raw`
def masked_patch(pred, image, mask, patch, norm_pix=False):
    """facebookresearch/mae forward_loss: mean squared error over the hidden patches'
    pixels; pred holds the hidden patches in ascending position order."""
    n, h, w, c = image.shape
    target = image.reshape(n, h // patch, patch, w // patch, patch, c).permute(0, 1, 3, 2, 4, 5).reshape(n, -1, patch * patch * c)
    if norm_pix:
        mean = target.mean(dim=-1, keepdim=True)
        var = target.var(dim=-1, keepdim=True)
        target = (target - mean) / (var + 1.e-6) ** .5
    m = mask.flatten(1)
    t = m.shape[1]
    ids = ((m > 0.5).float() * (2 * t) - torch.arange(t, device=m.device)).topk(pred.shape[1], 1).indices
    target = torch.gather(target, 1, ids[..., None].expand(-1, -1, target.shape[-1]))
    return ((pred - target) ** 2).mean()
`,
});
