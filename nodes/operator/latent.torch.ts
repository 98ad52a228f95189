// PyTorch export of the Latent variable (latent.ts): z found per batch by ISTA or
// gradient descent on the energy downstream of it. The exporter generates that
// energy as a closure over the nodes after the latent (inputs.energy) and passes
// the L1 weight ISTA shrinks by (inputs.l1); with several starting codes, the
// per-sample energy that picks each row's start (inputs.sampleEnergy).
import { kwargs, type TorchPart } from '../../engine/export/types';

const LATENT = String.raw`
class Latent(nn.Module):
    """Inner minimisation: at most K steps z <- z - eta grad E(z) (then soft-thresholding
    for ISTA), from z = 0 (or the lowest-energy of the starting codes, per row), stopping once z settles (checked every 10 steps: no entry moved
    by more than 1e-5 of the largest). eta = 1 / (1.25 L), L the largest curvature of the
    smooth energy by power iteration on differences of gradients: 12 iterations from a
    random start, then 2 per training step warm-started from the last step's vector."""

    def __init__(self, dim, steps, method, step_size, starts=1, start_range=3.0):
        super().__init__()
        self.dim, self.steps, self.method, self.step_size = dim, steps, method, step_size
        self.starts, self.start_range = starts, start_range
        self.cached = None  # (curvature, unit power vector)

    def curvature(self, grad, z, draw):
        same = self.cached is not None and self.cached[1].shape == z.shape
        if self.cached is not None and not self.training:
            return self.cached[0]
        v = self.cached[1] if same else draw("power", lambda: torch.randn(*z.shape))
        g0, lam = grad(z), 1.0
        for _ in range(2 if same else 12):
            v = v / v.norm()
            hv = grad(z + v) - g0
            lam = max(1e-6, float((hv * v).sum()))
            v = hv
        self.cached = (lam, (v / v.norm()).detach())
        return lam

    def start_codes(self):
        """Evenly spaced along the first coordinate, a Weyl sequence (s * sqrt(prime)
        mod 1) along the others, over [-range, range]."""
        primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
        S, r = self.starts, self.start_range
        u = [[(s + 0.5) / S if k == 0 else (0.5 + s * math.sqrt(primes[(k - 1) % len(primes)])) % 1 for k in range(self.dim)] for s in range(S)]
        return -r + 2 * r * torch.tensor(u, dtype=torch.float32)  # [S, d]

    def forward(self, energy, l1, rows, step, draw, sample_energy=None):
        with torch.enable_grad():
            z = torch.zeros(rows, self.dim)
            if self.starts > 1:
                # per row, the starting code of lowest energy (every loss, per sample)
                best_e = torch.full((rows,), float("inf"))
                with torch.no_grad():
                    for c in self.start_codes():
                        zs = c.expand(rows, -1).clone()
                        e = sample_energy(zs)
                        better = (e < best_e).float()[:, None]
                        z = better * zs + (1 - better) * z
                        best_e = torch.minimum(e, best_e)

            def grad(zz):
                zz = zz.detach().requires_grad_(True)
                return torch.autograd.grad(energy(zz), zz)[0]

            eta = self.step_size or 1.0 / (1.25 * self.curvature(grad, z, draw))
            shrink = l1 if self.method == "ista" else 0.0
            for k in range(1, self.steps + 1):
                prev = z
                z = z - eta * grad(z)
                if shrink > 0:
                    z = torch.sign(z) * F.relu(z.abs() - eta * shrink)
                if k % 10 == 0 and k < self.steps and float((z - prev).abs().max()) <= 1e-5 * max(float(z.abs().max()), 1e-6):
                    break
        return z.detach()  # the weight update treats z as data
`;

export const latentTorch: TorchPart = {
  code: [{ file: 'model', key: 'Latent', source: LATENT }],
  module: ({ params: p }) => `Latent(${kwargs({ dim: p.dim, steps: p.steps, method: p.method, step_size: p.stepSize, starts: p.starts, start_range: p.startRange })})`,
  forward: ({ id, py, inputs, out }) => [
    `${out.out} = self.${py}(${inputs.energy}, ${inputs.l1}, rows, step, lambda what, make: self.draw(${JSON.stringify(id)} + "." + what, make)${inputs.sampleEnergy ? `, sample_energy=${inputs.sampleEnergy}` : ''})`,
  ],
};
