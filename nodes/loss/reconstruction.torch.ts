// PyTorch export of the Reconstruction loss (reconstruction.ts).
import { lossPart } from './loss.torch';

export const reconstructionTorch = lossPart({
  fn: 'reconstruction',
  ports: [{ id: 'prediction' }, { id: 'target' }],
  args: (p) => ({ kind: p.kind, reduction: p.reduction }),
  source: String.raw`
def reconstruction(pred, target, kind="mse", reduction="mean"):
    """'mean': nn.MSELoss() of the AE notebooks; 'sum': summed over a sample's pixels,
    averaged over the batch (the VAE example's reduction='sum' divided by B). BCE
    clamps p to [1e-7, 1 - 1e-7] (PyTorch's BCELoss clamps the log at -100)."""
    p, t = pred.flatten(1), target.flatten(1)
    if kind == "mse":
        per = (p - t) ** 2
    else:
        pc = p.clamp(1e-7, 1 - 1e-7)
        per = -(t * torch.log(pc) + (1 - t) * torch.log(1 - pc))
    per = per.mean(1) if reduction == "mean" else per.sum(1)
    return per if PER_SAMPLE else per.mean()
`,
});
