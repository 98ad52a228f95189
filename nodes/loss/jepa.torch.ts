// PyTorch export of the JEPA loss (jepa.ts): I-JEPA's layer-normalised targets
// at the hidden positions, smooth L1 (official code) or MSE (the paper).
import { lossPart } from './loss.torch';

export const jepaTorch = lossPart({
  fn: 'jepa',
  ports: [{ id: 'prediction' }, { id: 'target' }, { id: 'mask' }],
  args: (p) => ({ normalize: p.normalize, distance: p.distance }),
  source: String.raw`
def jepa(pred, target, mask, normalize=True, distance="smooth-l1"):
    """facebookresearch/ijepa train.py: h = layer_norm(target) at the hidden positions."""
    h = F.layer_norm(target, (target.size(-1),)) if normalize else target
    m = mask.flatten(1)
    t = m.shape[1]
    ids = ((m > 0.5).float() * (2 * t) - torch.arange(t, device=m.device)).topk(pred.shape[1], 1).indices
    h = torch.gather(h, 1, ids[..., None].expand(-1, -1, h.shape[-1]))
    return F.smooth_l1_loss(pred, h) if distance == "smooth-l1" else F.mse_loss(pred, h)
`,
});
