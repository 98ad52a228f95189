// Shared by the K-means and Gaussian-mixture export parts (clustering.ts): greedy
// k-means++ seeding from the first batch, squared distances, the ready flag.
import type { PyDef } from '../../engine/export/types';

export const CLUSTERING: PyDef = {
  file: 'model',
  key: 'clustering',
  source: String.raw`
def squared_distances(x, c):
    """||x_b - c_k||^2 as ||x||^2 - 2 x.c + ||c||^2, clamped at 0. [B, D], [K, D] -> [B, K]"""
    return F.relu((x * x).sum(-1, keepdim=True) - 2 * x @ c.t() + (c * c).sum(-1)[None])


def kmeans_pp(x, k, generator=None):
    """Greedy k-means++ (scikit-learn's kmeans_plusplus): the first row, then for each
    next seed 2 + ln K candidates drawn proportionally to the squared distance to the
    nearest seed, keeping the one that lowers the total distance most."""
    # a fixed seed: every rank draws the same seeds from the same gathered batch
    generator = torch.Generator(device=x.device).manual_seed(0)
    trials = 2 + int(math.log(k))
    chosen = [x[:1]]
    d2 = squared_distances(x, chosen[0])  # [N, 1]
    for _ in range(1, k):
        idx = torch.multinomial(d2[:, 0] + 1e-12, trials, replacement=True, generator=generator)
        cands = x[idx]  # [L, D]
        with_cand = torch.minimum(d2, squared_distances(x, cands))  # [N, L]
        best = int(with_cand.sum(0).argmin())
        chosen.append(cands[best : best + 1])
        d2 = with_cand[:, best : best + 1]
    return torch.cat(chosen, 0)  # [K, D]


def blend(current, seeded, ready):
    """current once seeded (ready = 1), the seeds before."""
    return current * ready + seeded * (1 - ready)
`,
};
