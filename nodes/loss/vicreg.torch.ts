// PyTorch export of VICReg (vicreg.ts).
import { lossPart } from './loss.torch';

export const vicregTorch = lossPart({
  fn: 'vicreg',
  ports: [{ id: 'z', global: true }],
  args: (p) => ({ sim: p.sim, std: p.std, cov: p.cov }),
  terms: true,
  source: String.raw`
def vicreg(z, sim=25.0, std=25.0, cov=1.0):
    """facebookresearch/vicreg main_vicreg.py: invariance (MSE) + variance (hinge on the
    unbiased std + 1e-4) + covariance (off-diagonal squares / D), on the global batch
    (the official FullGatherLayer): statistics over every rank's samples."""
    x, y = split_views(z, 2)
    n, d = x.shape
    inv = F.mse_loss(x, y)

    def branch(t):
        t = t - t.mean(0)
        s = torch.sqrt(t.var(0) + 1e-4)
        c = t.t() @ t / (n - 1)
        off = c * (1 - torch.eye(d))
        return F.relu(1 - s).mean(), (off ** 2).sum() / d

    vx, cx = branch(x)
    vy, cy = branch(y)
    var, covariance = vx / 2 + vy / 2, cx + cy
    return sim * inv + std * var + cov * covariance, {"invariance": inv, "variance": var, "covariance": covariance}
`,
});
