// PyTorch export of the Gaussian mixture (gmm.ts): online EM or gradient descent on the NLL.
import { features, kwargs, type TorchPart } from '../../engine/export/types';
import { CLUSTERING } from './clustering.torch';

const GMM = String.raw`
LOG_2PI = math.log(2 * math.pi)


def gmm_joint(x, means, logvars, logits):
    """log pi_k + log N(x_b; mu_k, diag exp(logvar_k)). -> [B, K]"""
    diff = x[:, None] - means[None]  # [B, K, D]
    maha = (diff ** 2 * torch.exp(-logvars)[None]).sum(-1)
    return -0.5 * (maha + logvars.sum(-1) + x.shape[1] * LOG_2PI) + F.log_softmax(logits, -1)


def gmm_em_step(x, means, logvars, logits):
    """One EM iteration on a batch: responsibilities, then the closed-form M-step."""
    r = F.softmax(gmm_joint(x, means, logvars, logits), -1)  # [B, K]
    nk = r.sum(0) + 1e-10
    mu = r.t() @ x / nk[:, None]
    v = ((x[:, None] - mu[None]) ** 2 * r[:, :, None]).sum(0) / nk[:, None] + 1e-6
    return mu, torch.log(v), torch.log(nk / x.shape[0])


class GaussianMixture(nn.Module):
    """NLL -log sum_k pi_k N(x; mu_k, sigma_k^2). 'em': online EM after each step
    (step size t^-0.6, over the global batch); 'gradient': trainable parameters.
    Seeds: k-means++ means, the spread around them, equal weights."""

    def __init__(self, k, dim, update):
        super().__init__()
        self.k, self.mode = k, update
        if update == "gradient":
            self.means = nn.Parameter(torch.randn(k, dim) * 0.02)
            self.logvars = nn.Parameter(torch.zeros(k, dim))
            self.logits = nn.Parameter(torch.zeros(k))
        else:
            self.register_buffer("means", torch.zeros(k, dim))
            self.register_buffer("logvars", torch.zeros(k, dim))
            self.register_buffer("logits", torch.zeros(k))
            self.register_buffer("updates", torch.tensor(0.0))
        self.register_buffer("ready", torch.tensor(0.0))
        self.generator = None
        self.last_step = None

    def seed_params(self, x, draw):
        means = draw("seeds", lambda: kmeans_pp(x, self.k, self.generator))
        nearest = means[squared_distances(x, means).argmin(-1)]
        var = ((x - nearest) ** 2).mean(0, keepdim=True)
        return means, torch.log(var + 1e-6).repeat(self.k, 1), torch.zeros(self.k)

    def forward(self, x, step, draw, after):
        x = x.flatten(1)
        means, logvars, logits, seeds = self.means, self.logvars, self.logits, None
        if float(self.ready) == 0:
            seeds = self.seed_params(gather(x.detach()), draw)
            means, logvars, logits = (blend(a, b, self.ready) for a, b in zip((means, logvars, logits), seeds))
        if self.mode == "gradient":
            logvars = torch.clamp(logvars, min=math.log(1e-6))
        joint = gmm_joint(x, means, logvars, logits)
        if self.training and (self.mode != "gradient" or seeds is not None):
            xs = x.detach()
            after(lambda: self.update(xs, seeds, step))
        return -torch.logsumexp(joint, -1).mean(), joint.argmax(-1)

    @torch.no_grad()
    def update(self, xs, seeds, step):
        if self.last_step == step:
            return
        self.last_step = step
        now = (self.means, self.logvars, self.logits)
        m0, lv0, lg0 = (blend(a, b, self.ready) for a, b in zip(now, seeds)) if seeds is not None else now
        if self.mode == "gradient":
            for t, v in zip(now, (m0, lv0, lg0)):
                t.copy_(v)
        else:
            bm, blv, blg = gmm_em_step(gather(xs), m0, lv0, lg0)
            t = self.updates * self.ready + 1
            rho = t ** -0.6
            wa = (F.softmax(lg0, -1) * (1 - rho))[:, None]
            wb = (torch.exp(blg) * rho)[:, None]
            w = wa + wb
            mu = (wa * m0 + wb * bm) / w
            v = (wa * torch.exp(lv0) + wb * torch.exp(blv) + wa * wb / w * (m0 - bm) ** 2) / w
            self.means.copy_(mu)
            self.logvars.copy_(torch.log(v.clamp_min(1e-6)))
            self.logits.copy_(torch.log(w[:, 0].clamp_min(1e-12)))
            self.updates.copy_(t)
        self.ready.fill_(1.0)
`;

export const gmmTorch: TorchPart = {
  code: [CLUSTERING, { file: 'model', key: 'GaussianMixture', source: GMM }],
  module: ({ params: p, inputTypes }) => `GaussianMixture(${kwargs({ k: p.k, dim: features(inputTypes.x), update: p.update })})`,
  forward: ({ id, py, inputs, out }) => [
    `terms[${JSON.stringify(id)}], ${out.assignments ?? '_'} = self.${py}(${inputs.x}, step, lambda what, make: self.draw(${JSON.stringify(id)} + "." + what, make), self.after)`,
  ],
  weights: ({ params: p }) => [
    ...['means', 'logvars', 'logits', ...(p.update === 'gradient' ? [] : ['updates']), 'ready'].map((n) => ({ studio: n, torch: n, layout: 'same' as const })),
  ],
};
