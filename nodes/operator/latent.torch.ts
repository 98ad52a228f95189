// PyTorch export of the Latent variable (latent.ts): z found per batch by ISTA or
// gradient descent on the energy downstream of it. The exporter generates that
// energy as a closure over the nodes after the latent (inputs.energy) and passes
// the L1 weight ISTA shrinks by (inputs.l1).
import { kwargs, type TorchPart } from '../../engine/export/types';

const LATENT = String.raw`
class Latent(nn.Module):
    """Inner minimisation: K steps z <- z - eta grad E(z) (then soft-thresholding for
    ISTA), from z = 0; eta = 0.95 / L with L the largest curvature of the smooth energy,
    by power iteration on differences of gradients, re-estimated every 25 steps."""

    def __init__(self, dim, steps, method, step_size):
        super().__init__()
        self.dim, self.steps, self.method, self.step_size = dim, steps, method, step_size
        self.cached = None  # (step, curvature)

    def forward(self, energy, l1, rows, step, draw):
        with torch.enable_grad():
            z = torch.zeros(rows, self.dim)

            def grad(zz):
                zz = zz.detach().requires_grad_(True)
                return torch.autograd.grad(energy(zz), zz)[0]

            eta = self.step_size
            if eta == 0 and self.cached is not None and (not self.training or step - self.cached[0] < 25):
                eta = 0.95 / self.cached[1]
            elif eta == 0:
                v = draw("power", lambda: torch.randn(rows, self.dim))
                g0, lam = grad(z), 1.0
                for _ in range(12):
                    v = v / v.norm()
                    hv = grad(z + v) - g0
                    lam = max(1e-6, float((hv * v).sum()))
                    v = hv
                eta = 0.95 / lam
                self.cached = (step, lam)
            shrink = l1 if self.method == "ista" else 0.0
            for _ in range(self.steps):
                z = z - eta * grad(z)
                if shrink > 0:
                    z = torch.sign(z) * F.relu(z.abs() - eta * shrink)
        return z.detach()  # the weight update treats z as data
`;

export const latentTorch: TorchPart = {
  code: [{ file: 'model', key: 'Latent', source: LATENT }],
  module: ({ params: p }) => `Latent(${kwargs({ dim: p.dim, steps: p.steps, method: p.method, step_size: p.stepSize })})`,
  forward: ({ id, py, inputs, out }) => [
    `${out.out} = self.${py}(${inputs.energy}, ${inputs.l1}, rows, step, lambda what, make: self.draw(${JSON.stringify(id)} + "." + what, make))`,
  ],
};
