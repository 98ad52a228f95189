// PyTorch export of K-means (kmeans.ts): online (Sculley 2010) or gradient updates.
import { features, kwargs, type TorchPart } from '../../engine/export/types';
import { CLUSTERING } from './clustering.torch';

const KMEANS = String.raw`
class KMeans(nn.Module):
    """Energy mean_b min_k ||x_b - c_k||^2. 'em': after each step every centroid
    becomes the running mean of the points assigned to it (over the global batch);
    'gradient': the optimizer moves the centroids. Seeded by k-means++ on the first batch."""

    def __init__(self, k, dim, update):
        super().__init__()
        self.k, self.mode = k, update
        if update == "gradient":
            self.centroids = nn.Parameter(torch.randn(k, dim) * 0.02)
        else:
            self.register_buffer("centroids", torch.zeros(k, dim))
            self.register_buffer("counts", torch.zeros(k))
        self.register_buffer("ready", torch.tensor(0.0))
        self.generator = None
        self.last_step = None

    def forward(self, x, step, draw, after):
        x = x.flatten(1)
        c, seeds = self.centroids, None
        if float(self.ready) == 0:
            seeds = draw("seeds", lambda: kmeans_pp(gather(x.detach()), self.k, self.generator))
            c = blend(c, seeds, self.ready)
        d2 = squared_distances(x, c)  # [N, K]
        if self.training and (self.mode != "gradient" or seeds is not None):
            xs = x.detach()
            after(lambda: self.update(xs, seeds, step))
        return d2.min(-1).values.mean(), d2.argmin(-1)

    @torch.no_grad()
    def update(self, xs, seeds, step):
        if self.last_step == step:  # another optimizer phase's pass already updated
            return
        self.last_step = step
        c0 = blend(self.centroids, seeds, self.ready) if seeds is not None else self.centroids
        if self.mode == "gradient":
            self.centroids.copy_(c0)
        else:
            xs = gather(xs)
            onehot = F.one_hot(squared_distances(xs, c0).argmin(-1), self.k).float()  # [N, K]
            nk = onehot.sum(0)
            means = torch.where(nk[:, None] > 0, onehot.t() @ xs / nk.clamp_min(1)[:, None], c0)
            counts = self.counts * self.ready + nk
            self.centroids.copy_(c0 + (nk / counts.clamp_min(1))[:, None] * (means - c0))
            self.counts.copy_(counts)
        self.ready.fill_(1.0)
`;

export const kmeansTorch: TorchPart = {
  code: [CLUSTERING, { file: 'model', key: 'KMeans', source: KMEANS }],
  module: ({ params: p, inputTypes }) => `KMeans(${kwargs({ k: p.k, dim: features(inputTypes.x), update: p.update })})`,
  forward: ({ id, py, inputs, out }) => [
    `terms[${JSON.stringify(id)}], ${out.assignments ?? '_'} = self.${py}(${inputs.x}, step, lambda what, make: self.draw(${JSON.stringify(id)} + "." + what, make), self.after)`,
  ],
  weights: ({ params: p }) => [
    { studio: 'centroids', torch: 'centroids', layout: 'same' },
    ...(p.update === 'gradient' ? [] : [{ studio: 'counts', torch: 'counts', layout: 'same' as const }]),
    { studio: 'ready', torch: 'ready', layout: 'same' },
  ],
};
