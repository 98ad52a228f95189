"""PyTorch reference for the VAE preset's held-out -ELBO at the studio's budget.

The model and loss are pytorch/examples `vae` (784-400-20, ReLU, sigmoid output,
BCE summed over pixels + KL, Adam 1e-3, batch 128, nn.Linear's default init), trained
on the studio's 8,000 training digits and scored on its 2,000 held-out digits.
  /usr/bin/python3 bench/torch/vae_ref.py --steps 310 [--init torch|he-glorot] [--seeds 3]
"""
import argparse
import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from mnist_split import load

ap = argparse.ArgumentParser()
ap.add_argument("--steps", type=int, default=310)
ap.add_argument("--init", choices=["torch", "he-glorot"], default="torch")
ap.add_argument("--seeds", type=int, default=3)
args = ap.parse_args()
torch.set_num_threads(1)


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.fc21, self.fc22 = nn.Linear(784, 400), nn.Linear(400, 20), nn.Linear(400, 20)
        self.fc3, self.fc4 = nn.Linear(20, 400), nn.Linear(400, 784)

    def forward(self, x, sample=True):
        h = F.relu(self.fc1(x))
        mu, logvar = self.fc21(h), self.fc22(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar) if sample else mu
        return self.fc4(F.relu(self.fc3(z))), mu, logvar


def he_glorot_init(m):
    # the studio's former init: He uniform before a ReLU, Glorot uniform otherwise, zero biases
    with torch.no_grad():
        for lin, relu in [(m.fc1, True), (m.fc21, False), (m.fc22, False), (m.fc3, True), (m.fc4, False)]:
            fan_in, fan_out = lin.in_features, lin.out_features
            a = math.sqrt(6 / fan_in) if relu else math.sqrt(6 / (fan_in + fan_out))
            lin.weight.uniform_(-a, a)
            lin.bias.zero_()


def neg_elbo(logits, x, mu, logvar):  # per-sample mean of (BCE summed over pixels + KL)
    bce = F.binary_cross_entropy_with_logits(logits, x, reduction="sum")
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return (bce + kl) / x.shape[0]


(xtr, _), (xte, _) = load()
xtr, xte = torch.from_numpy(xtr), torch.from_numpy(xte)
res = []
for seed in range(args.seeds):
    torch.manual_seed(seed)
    m = VAE()
    if args.init == "he-glorot":
        he_glorot_init(m)
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    perm, pos = torch.randperm(len(xtr)), 0
    for step in range(args.steps):
        if pos + 128 > len(xtr):
            perm, pos = torch.randperm(len(xtr)), 0
        x = xtr[perm[pos : pos + 128]]
        pos += 128
        logits, mu, logvar = m(x)
        loss = neg_elbo(logits, x, mu, logvar)
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        logits, mu, logvar = m(xte, sample=False)
        mean_z = neg_elbo(logits, xte, mu, logvar)
        logits, mu, logvar = m(xte, sample=True)
        sampled = neg_elbo(logits, xte, mu, logvar)
    res.append((mean_z.item(), sampled.item()))
    print(f"seed {seed}: held-out -ELBO {mean_z.item():.1f} (z = mu), {sampled.item():.1f} (z sampled)", flush=True)
a = np.array(res)
print(f"init {args.init}, {args.steps} steps at batch 128: -ELBO z=mu {a[:, 0].min():.1f}-{a[:, 0].max():.1f}, sampled {a[:, 1].min():.1f}-{a[:, 1].max():.1f}")
