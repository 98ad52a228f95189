// PyTorch export of the Free energy loss (free-energy.ts).
import { lossPart } from './loss.torch';

export const freeEnergyTorch = lossPart({
  fn: 'free_energy',
  ports: [{ id: 'y' }, { id: 'candidates' }],
  args: (p) => ({ beta: p.beta }),
  source: String.raw`
def free_energy(y, candidates, beta):
    """Soft-min over G decoded codes of E = ||y - dec(z)||^2:
    -(1/beta) log((1/G) sum_z exp(-beta E)); candidates are [G*B, F] view-major."""
    y = y.flatten(1)
    b, f = y.shape
    c = candidates.flatten(1).reshape(-1, b, f).transpose(0, 1)  # [B, G, F]
    e = ((y[:, None, :] - c) ** 2).sum(-1)  # [B, G]
    per = -(torch.logsumexp(-beta * e, 1) - math.log(e.shape[1])) / beta
    return per if PER_SAMPLE else per.mean()
`,
});
