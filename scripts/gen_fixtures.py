#!/usr/bin/env python3
"""Reference loss / gradient fixtures for engine/ops, computed with PyTorch autograd.

Run with Debian's system Python and its python3-torch (1.13):
    /usr/bin/python3 scripts/gen_fixtures.py        (npm run fixtures)

Each loss is written the way the official implementation computes it (repository and
file named per fixture), in float64, on small seeded random inputs. Inputs are rounded to
8 significant digits BEFORE the computation, so the JSON inputs are exactly what produced
the JSON outputs. Every file is engine/ops/fixtures/<name>.json:
    { name, source, notes, inputs: {k: {shape, data}}, params, loss, terms,
      grads: {k: {shape, data}}, outputs: {k: {shape, data}} }
with data flattened row-major. engine/ops/fixtures.test.ts replays them on the tfjs cpu
backend; CI never needs PyTorch, only the committed JSON.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'engine', 'ops', 'fixtures')


def r8(x):
    return float(f'{x:.8g}')


def enc(t):
    t = t.detach().to(torch.float64)
    return {'shape': list(t.shape), 'data': [r8(v) for v in t.reshape(-1).tolist()]}


def gen(seed):
    return torch.Generator().manual_seed(seed)


def rand(g, *shape, scale=1.0, shift=0.0):
    """Seeded normal input, rounded to 8 significant digits, with requires_grad."""
    t = torch.randn(*shape, generator=g) * scale + shift
    t = torch.tensor([r8(v) for v in t.reshape(-1).tolist()]).reshape(*shape)
    return t.requires_grad_(True)


def rounded(t):
    t = t.detach()
    return torch.tensor([r8(v) for v in t.reshape(-1).tolist()]).reshape(*t.shape).requires_grad_(True)


def grads_of(loss, inputs):
    names = list(inputs)
    gs = torch.autograd.grad(loss, [inputs[n] for n in names], allow_unused=True)
    return {n: enc(torch.zeros_like(inputs[n]) if g is None else g) for n, g in zip(names, gs)}


def write(name, source, inputs, loss, params=None, terms=None, grads=None, outputs=None, notes=''):
    doc = {
        'name': name,
        'source': source,
        'notes': notes,
        'inputs': {k: enc(v) for k, v in inputs.items()},
        'params': params or {},
        'loss': r8(float(loss)),
        'terms': {k: r8(float(v)) for k, v in (terms or {}).items()},
        'grads': grads or {},
        'outputs': {k: enc(v) for k, v in (outputs or {}).items()},
    }
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, f'{name}.json')
    with open(path, 'w') as f:
        json.dump(doc, f, separators=(',', ':'))
        f.write('\n')
    print(f'{path}: loss {doc["loss"]}')


# ---------------------------------------------------------------- helpers as in the official code
def tf_l2_normalize(x, eps=1e-12):
    """tf.math.l2_normalize / BYOL helpers.l2_normalize: x * rsqrt(max(sum x^2, eps))."""
    return x * torch.rsqrt(torch.clamp(torch.sum(x * x, dim=-1, keepdim=True), min=eps))


def off_diagonal(x):
    """facebookresearch/vicreg and barlowtwins off_diagonal."""
    n, m = x.shape
    assert n == m
    return x.flatten()[:-1].view(n - 1, n + 1)[:, 1:].flatten()


def distributed_sinkhorn(out, epsilon=0.05, iterations=3):
    """facebookresearch/swav main_swav.py distributed_sinkhorn, world_size 1."""
    with torch.no_grad():
        Q = torch.exp(out / epsilon).t()
        B = Q.shape[1]
        K = Q.shape[0]
        Q /= torch.sum(Q)
        for _ in range(iterations):
            sum_of_rows = torch.sum(Q, dim=1, keepdim=True)
            Q /= sum_of_rows
            Q /= K
            Q /= torch.sum(Q, dim=0, keepdim=True)
            Q /= B
        Q *= B
        return Q.t()


# ---------------------------------------------------------------- fixtures
def kl():
    g = gen(1)
    mu, logvar = rand(g, 8, 16), rand(g, 8, 16, scale=0.5)
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())  # pytorch/examples vae/main.py
    loss = kld / mu.shape[0]
    write('kl', 'pytorch/examples vae/main.py loss_function (KLD)', {'mu': mu, 'logvar': logvar}, loss,
          terms={'officialSum': kld}, grads=grads_of(loss, {'mu': mu, 'logvar': logvar}),
          notes='official sums over the batch; ours = official / B')


def contractive():
    g = gen(2)
    x, w, b = rand(g, 8, 6), rand(g, 6, 5, scale=0.7), rand(g, 5, scale=0.3)
    h = torch.sigmoid(x @ w + b)
    loss = torch.mean(torch.sum((h * (1 - h)) ** 2 * torch.sum(w ** 2, dim=0), dim=1))
    # cross-check: the closed form equals the autodiff Jacobian's squared Frobenius norm
    jac = torch.autograd.functional.jacobian(lambda xx: torch.sigmoid(xx @ w.detach() + b.detach()), x.detach())
    frob = sum(float((jac[n, :, n, :] ** 2).sum()) for n in range(x.shape[0])) / x.shape[0]
    assert abs(frob - float(loss)) < 1e-10, (frob, float(loss))
    write('contractive', 'Rifai et al. 2011 closed form, checked against torch.autograd.functional.jacobian',
          {'x': x, 'w': w, 'b': b}, loss, terms={'jacobianFrobenius': frob},
          grads=grads_of(loss, {'x': x, 'w': w, 'b': b}), notes='h = sigmoid(x w + b)')


def ntxent():
    g = gen(3)
    z1, z2 = rand(g, 8, 16), rand(g, 8, 16)
    tau = 0.5
    B = z1.shape[0]
    LARGE_NUM = 1e9
    # google-research/simclr tf2/objective.py add_contrastive_loss
    h1, h2 = tf_l2_normalize(z1), tf_l2_normalize(z2)
    labels = F.one_hot(torch.arange(B), 2 * B).double()
    masks = F.one_hot(torch.arange(B), B).double()
    logits_aa = h1 @ h1.t() / tau - masks * LARGE_NUM
    logits_bb = h2 @ h2.t() / tau - masks * LARGE_NUM
    logits_ab = h1 @ h2.t() / tau
    logits_ba = h2 @ h1.t() / tau
    loss_a = torch.mean(-torch.sum(labels * F.log_softmax(torch.cat([logits_ab, logits_aa], 1), 1), 1))
    loss_b = torch.mean(-torch.sum(labels * F.log_softmax(torch.cat([logits_ba, logits_bb], 1), 1), 1))
    official = loss_a + loss_b
    loss = official / 2
    write('ntxent', 'google-research/simclr tf2/objective.py add_contrastive_loss', {'z1': z1, 'z2': z2}, loss,
          params={'temperature': tau}, terms={'officialSum': official},
          grads=grads_of(loss, {'z1': z1, 'z2': z2}),
          notes='official returns loss_a + loss_b; loss and grads here are the per-anchor mean = official / 2')


def moco():
    g = gen(4)
    q_raw, k_raw = rand(g, 8, 16), rand(g, 8, 16)
    queue_dk = F.normalize(torch.randn(16, 32, generator=g), dim=0)  # builder.py: buffer [D, K], normalised dim 0
    queue = rounded(queue_dk.t())  # ours stores [K, D]
    T = 0.2
    # facebookresearch/moco moco/builder.py forward
    q = F.normalize(q_raw, dim=1)
    k = F.normalize(k_raw, dim=1)
    l_pos = torch.einsum('nc,nc->n', [q, k]).unsqueeze(-1)
    l_neg = torch.einsum('nc,ck->nk', [q, queue.t().clone().detach()])
    logits = torch.cat([l_pos, l_neg], dim=1) / T
    labels = torch.zeros(logits.shape[0], dtype=torch.long)
    loss = F.cross_entropy(logits, labels)
    write('moco', 'facebookresearch/moco moco/builder.py', {'q': q_raw, 'k': k_raw, 'queue': queue}, loss,
          params={'temperature': T}, grads=grads_of(loss, {'q': q_raw, 'k': k_raw}),
          notes='q, k are raw encoder outputs (normalised inside); official computes k under no_grad, '
                'grads for k are of the pure function')


def byol():
    g = gen(5)
    p1, z2, p2, z1 = rand(g, 8, 16), rand(g, 8, 16), rand(g, 8, 16), rand(g, 8, 16)

    def regression_loss(x, y):  # deepmind-research/byol utils/helpers.py
        return torch.sum((tf_l2_normalize(x) - tf_l2_normalize(y)) ** 2, dim=-1)

    d1, d2 = regression_loss(p1, z2), regression_loss(p2, z1)
    loss = torch.mean(d1 + d2)  # byol_experiment.py: sum of directions, mean over batch
    write('byol', 'deepmind-research/byol byol_experiment.py + utils/helpers.py regression_loss',
          {'p1': p1, 'z2': z2, 'p2': p2, 'z1': z1}, loss,
          terms={'direction1': d1.mean(), 'direction2': d2.mean()},
          grads=grads_of(loss, {'p1': p1, 'z2': z2, 'p2': p2, 'z1': z1}),
          notes='official stops the gradient of z (target network); grads for z are of the pure function')


def simsiam():
    g = gen(6)
    p1, z2, p2, z1 = rand(g, 8, 16), rand(g, 8, 16), rand(g, 8, 16), rand(g, 8, 16)
    criterion = torch.nn.CosineSimilarity(dim=1)  # facebookresearch/simsiam main_simsiam.py
    loss = -(criterion(p1, z2).mean() + criterion(p2, z1).mean()) * 0.5
    write('simsiam', 'facebookresearch/simsiam main_simsiam.py', {'p1': p1, 'z2': z2, 'p2': p2, 'z1': z1}, loss,
          grads=grads_of(loss, {'p1': p1, 'z2': z2, 'p2': p2, 'z1': z1}),
          notes='official detaches z (model returns z.detach()); grads for z are of the pure function')


def vicreg():
    g = gen(7)
    x_in, y_in = rand(g, 8, 16, scale=0.5), rand(g, 8, 16, scale=0.5, shift=0.2)
    sim, std, cov = 25.0, 25.0, 1.0
    batch_size, num_features = x_in.shape
    # facebookresearch/vicreg main_vicreg.py VICReg.forward (after the projector)
    x, y = x_in, y_in
    repr_loss = F.mse_loss(x, y)
    x = x - x.mean(dim=0)
    y = y - y.mean(dim=0)
    std_x = torch.sqrt(x.var(dim=0) + 0.0001)
    std_y = torch.sqrt(y.var(dim=0) + 0.0001)
    std_loss = torch.mean(F.relu(1 - std_x)) / 2 + torch.mean(F.relu(1 - std_y)) / 2
    cov_x = (x.T @ x) / (batch_size - 1)
    cov_y = (y.T @ y) / (batch_size - 1)
    cov_loss = off_diagonal(cov_x).pow(2).sum().div(num_features) + off_diagonal(cov_y).pow(2).sum().div(num_features)
    loss = sim * repr_loss + std * std_loss + cov * cov_loss
    write('vicreg', 'facebookresearch/vicreg main_vicreg.py VICReg.forward', {'x': x_in, 'y': y_in}, loss,
          params={'sim': sim, 'std': std, 'cov': cov},
          terms={'invariance': repr_loss, 'variance': std_loss, 'covariance': cov_loss},
          grads=grads_of(loss, {'x': x_in, 'y': y_in}))


def barlow():
    g = gen(8)
    z1, z2 = rand(g, 8, 16, scale=2.0, shift=0.5), rand(g, 8, 16)
    lambd = 0.0051
    N = z1.shape[0]

    def bn(z):  # nn.BatchNorm1d(D, affine=False) in training mode
        return F.batch_norm(z, None, None, training=True, eps=1e-5)

    c = bn(z1).T @ bn(z2)  # facebookresearch/barlowtwins main.py BarlowTwins.forward
    c = c / N
    on_diag = torch.diagonal(c).add(-1).pow(2).sum()
    off_diag = off_diagonal(c).pow(2).sum()
    loss = on_diag + lambd * off_diag
    write('barlow', 'facebookresearch/barlowtwins main.py BarlowTwins.forward', {'z1': z1, 'z2': z2}, loss,
          params={'lambda': lambd}, terms={'onDiag': on_diag, 'offDiag': off_diag},
          grads=grads_of(loss, {'z1': z1, 'z2': z2}))


def sinkhorn():
    g = gen(9)
    scores = rounded(torch.tanh(torch.randn(8, 12, generator=g)))
    Q = distributed_sinkhorn(scores, 0.05, 3)
    Q10 = distributed_sinkhorn(scores, 0.05, 10)
    write('sinkhorn', 'facebookresearch/swav main_swav.py distributed_sinkhorn', {'scores': scores}, 0.0,
          params={'epsilon': 0.05, 'iterations': 3}, outputs={'q': Q, 'q10': Q10},
          notes='no loss: outputs.q is the [B, K] assignment after 3 iterations, q10 after 10')


def swav():
    g = gen(10)
    z1, z2 = rand(g, 8, 16), rand(g, 8, 16)
    protos = rounded(F.normalize(torch.randn(12, 16, generator=g), dim=1))  # normalised under no_grad first
    T = 0.1
    bs = z1.shape[0]
    # facebookresearch/swav main_swav.py train(): output = prototypes(normalize(embedding))
    emb = F.normalize(torch.cat([z1, z2], 0), dim=1, p=2)
    output = emb @ protos.t()
    loss = 0
    for crop_id in [0, 1]:
        with torch.no_grad():
            out = output[bs * crop_id: bs * (crop_id + 1)].detach()
            q = distributed_sinkhorn(out, 0.05, 3)[-bs:]
        subloss = 0
        for v in [i for i in range(2) if i != crop_id]:
            x = output[bs * v: bs * (v + 1)] / T
            subloss -= torch.mean(torch.sum(q * F.log_softmax(x, dim=1), dim=1))
        loss += subloss / (2 - 1)
    loss /= 2
    write('swav', 'facebookresearch/swav main_swav.py train() loss', {'z1': z1, 'z2': z2, 'prototypes': protos}, loss,
          params={'temperature': T, 'epsilon': 0.05, 'iterations': 3},
          grads=grads_of(loss, {'z1': z1, 'z2': z2, 'prototypes': protos}),
          notes='prototypes already L2-normalised (the official renormalises them in place before forward)')


def dino():
    g = gen(11)
    s1, s2 = rand(g, 8, 12, scale=2.0), rand(g, 8, 12, scale=2.0)
    t1, t2 = rand(g, 8, 12, scale=0.5), rand(g, 8, 12, scale=0.5)
    center = rounded(torch.randn(1, 12, generator=g) * 0.1)
    student_temp, teacher_temp, m = 0.1, 0.04, 0.9
    # facebookresearch/dino main_dino.py DINOLoss.forward, ncrops = 2
    student_out = (torch.cat([s1, s2], 0) / student_temp).chunk(2)
    teacher_output = torch.cat([t1, t2], 0)
    teacher_out = F.softmax((teacher_output - center) / teacher_temp, dim=-1).detach().chunk(2)
    total_loss, n_terms = 0, 0
    for iq, q in enumerate(teacher_out):
        for v in range(len(student_out)):
            if v == iq:
                continue
            total_loss += torch.sum(-q * F.log_softmax(student_out[v], dim=-1), dim=-1).mean()
            n_terms += 1
    loss = total_loss / n_terms
    with torch.no_grad():  # update_center
        batch_center = torch.sum(teacher_output, dim=0, keepdim=True) / len(teacher_output)
        new_center = center * m + batch_center * (1 - m)
    write('dino', 'facebookresearch/dino main_dino.py DINOLoss', {'s1': s1, 's2': s2, 't1': t1, 't2': t2, 'center': center},
          loss, params={'studentTemp': student_temp, 'teacherTemp': teacher_temp, 'centerMomentum': m},
          grads=grads_of(loss, {'s1': s1, 's2': s2, 't1': t1, 't2': t2}), outputs={'center': new_center},
          notes='teacher detached: its grads are zero')


def gan():
    g = gen(12)
    real, fake = rand(g, 8, 1, scale=2.0), rand(g, 8, 1, scale=2.0)
    criterion = torch.nn.BCELoss()  # pytorch/examples dcgan/main.py (D ends in nn.Sigmoid)
    err_real = criterion(torch.sigmoid(real), torch.ones(8, 1))
    err_fake = criterion(torch.sigmoid(fake), torch.zeros(8, 1))
    err_d = err_real + err_fake
    write('gan_discriminator', 'pytorch/examples dcgan/main.py errD_real + errD_fake',
          {'realLogits': real, 'fakeLogits': fake}, err_d, terms={'real': err_real, 'fake': err_fake},
          grads=grads_of(err_d, {'realLogits': real, 'fakeLogits': fake}))
    err_g = criterion(torch.sigmoid(fake), torch.ones(8, 1))
    write('gan_generator', 'pytorch/examples dcgan/main.py errG', {'fakeLogits': fake}, err_g,
          grads=grads_of(err_g, {'fakeLogits': fake}))


def kmeans():
    g = gen(13)
    x, c = rand(g, 16, 4), rand(g, 3, 4)
    d2 = ((x[:, None, :] - c[None, :, :]) ** 2).sum(-1)  # [B, K]
    loss = d2.min(dim=1).values.mean()
    assign = d2.argmin(dim=1)
    onehot = F.one_hot(assign, 3).double()
    counts = onehot.sum(0)
    step = torch.where(counts[:, None] > 0, (onehot.t() @ x) / counts.clamp(min=1)[:, None], c)
    write('kmeans', 'Lloyd k-means (inertia / B)', {'x': x, 'centroids': c}, loss,
          grads=grads_of(loss, {'x': x, 'centroids': c}),
          outputs={'assign': assign.double(), 'step': step})


def gmm():
    g = gen(14)
    x, means = rand(g, 16, 4), rand(g, 3, 4)
    logvars, logits = rand(g, 3, 4, scale=0.3), rand(g, 3, scale=0.5)
    D = torch.distributions
    mix = D.MixtureSameFamily(D.Categorical(logits=logits),
                              D.Independent(D.Normal(means, torch.exp(0.5 * logvars)), 1))
    loss = -mix.log_prob(x).mean()
    with torch.no_grad():
        comp = D.Independent(D.Normal(means, torch.exp(0.5 * logvars)), 1)
        joint = comp.log_prob(x[:, None, :]) + torch.log_softmax(logits, 0)  # [B, K]
        r = torch.softmax(joint, 1)
        nk = r.sum(0) + 1e-10
        mu = (r.t() @ x) / nk[:, None]
        var = (r[:, :, None] * (x[:, None, :] - mu[None]) ** 2).sum(0) / nk[:, None] + 1e-6
    write('gmm', 'torch.distributions.MixtureSameFamily (diagonal Normal components)',
          {'x': x, 'means': means, 'logvars': logvars, 'logits': logits}, loss,
          grads=grads_of(loss, {'x': x, 'means': means, 'logvars': logvars, 'logits': logits}),
          outputs={'responsibilities': r, 'emMeans': mu, 'emLogvars': torch.log(var),
                   'emLogits': torch.log(nk / x.shape[0])})


def sparse_coding():
    g = gen(15)
    x, d, z = rand(g, 8, 10), rand(g, 10, 16, scale=1 / math.sqrt(10)), rand(g, 8, 16, scale=0.3)
    alpha = 0.1
    loss = torch.mean(0.5 * ((x - z @ d.t()) ** 2).sum(1) + alpha * z.abs().sum(1))
    with torch.no_grad():
        L = torch.linalg.eigvalsh(d.t() @ d).max()
        v = z - ((z @ d.t() - x) @ d) / L
        z_next = torch.sign(v) * torch.clamp(v.abs() - alpha / L, min=0)
    write('sparse_coding', 'lasso energy + ISTA (Daubechies et al. 2004)', {'x': x, 'd': d, 'z': z}, loss,
          params={'alpha': alpha}, terms={'lipschitz': L},
          grads=grads_of(loss, {'x': x, 'd': d, 'z': z}), outputs={'zNext': z_next})


def free_energy():
    g = gen(16)
    b, G, beta = 6, 5, 3.0
    y, cand = rand(g, b, 2), rand(g, G * b, 2)
    c = cand.reshape(G, b, 2).transpose(0, 1)  # [B, G, 2]: view-major candidates
    e = ((y[:, None, :] - c) ** 2).sum(-1)  # [B, G]
    # the soft minimum written out, not through logsumexp: -(1/beta) log mean_z exp(-beta E)
    per = -torch.log(torch.exp(-beta * e).mean(1)) / beta
    loss = per.mean()
    with torch.no_grad():
        fit = c[torch.arange(b), e.argmin(1)]
    write('free_energy', 'latent-variable EBM soft-min free energy over a grid of codes', {'y': y, 'candidates': cand}, loss,
          params={'beta': beta}, grads=grads_of(loss, {'y': y, 'candidates': cand}), outputs={'perSample': per, 'fit': fit})


def target_prop():
    """Difference target propagation (Lee et al. 2015), studio weight layout (x @ W); the top
    target's gradient comes from autograd on the summed cross-entropy, not a formula."""
    g = gen(17)
    x = rand(g, 6, 5)
    labels = torch.tensor([0., 2., 1., 2., 0., 1.])
    dims = [5, 4, 4, 3]
    w = {f'w{i}': rand(g, dims[i], dims[i + 1], scale=0.6) for i in range(3)}
    w.update({f'b{i}': rand(g, dims[i + 1], scale=0.1) for i in range(3)})
    w.update({f'v{i}': rand(g, dims[i + 2], dims[i + 1], scale=0.6) for i in range(2)})
    w.update({f'c{i}': rand(g, dims[i + 1], scale=0.1) for i in range(2)})
    eta = 0.8
    h, prev = [], x
    for i in range(3):
        y = prev.detach() @ w[f'w{i}'] + w[f'b{i}']
        prev = y if i == 2 else torch.tanh(y)
        h.append(prev)
    hs = [t.detach() for t in h]
    z = hs[2].clone().requires_grad_(True)
    ce_sum = F.cross_entropy(z, labels.long(), reduction='sum')
    t = [None, None, (hs[2] - eta * torch.autograd.grad(ce_sum, z)[0]).detach()]
    inv = lambda i, a: torch.tanh(a @ w[f'v{i - 1}'] + w[f'c{i - 1}'])  # g of layer i + 1 (0-based i)
    for i in (2, 1):
        t[i - 1] = (hs[i - 1] + inv(i, t[i]) - inv(i, hs[i])).detach()
    sq = lambda d: (d ** 2).sum(1).mean()
    layer = [sq(h[i] - t[i]) for i in range(3)]
    inverse = [sq(inv(i, hs[i]) - hs[i - 1]) for i in (1, 2)]
    loss = sum(layer) + sum(inverse)
    terms = {'layer1': layer[0], 'layer2': layer[1], 'layer3': layer[2], 'inverse2': inverse[0], 'inverse3': inverse[1],
             'task': F.cross_entropy(hs[2], labels.long())}
    write('target_prop', 'difference target propagation (Lee, Zhang, Fischer & Bengio 2015), tanh', {'x': x, 'labels': labels, **w}, loss,
          params={'eta': eta}, terms=terms, grads=grads_of(loss, w), outputs={'t1': t[0], 't2': t[1], 't3': t[2]})


# ---------------------------------------------------------------- attention and masking (ViT, MAE, I-JEPA)
def exact_mask(g, rows, gh, gw, hidden):
    """[rows, gh, gw] of 0/1 with exactly `hidden` ones per row (as the Mask node draws them)."""
    noise = torch.rand(rows, gh * gw, generator=g)
    ids = torch.argsort(noise, dim=1)[:, :hidden]
    m = torch.zeros(rows, gh * gw)
    m.scatter_(1, ids, 1.0)
    return m.reshape(rows, gh, gw)


def mae_patchify(imgs, p):
    """facebookresearch/mae models_mae.py MaskedAutoencoderViT.patchify, for [N, H, W, C] images."""
    imgs = imgs.permute(0, 3, 1, 2)  # the official code takes NCHW
    h = w = imgs.shape[2] // p
    x = imgs.reshape(imgs.shape[0], imgs.shape[1], h, p, w, p)
    x = torch.einsum('nchpwq->nhwpqc', x)
    return x.reshape(imgs.shape[0], h * w, p ** 2 * imgs.shape[1])


def attention():
    g = gen(16)
    b, t, d, heads = 2, 5, 8, 2
    x = rand(g, b, t, d)
    w = {k: rand(g, d, d, scale=1 / math.sqrt(d)) for k in ['wq', 'wk', 'wv', 'wo']}
    bias = {k: rand(g, d, scale=0.1) for k in ['bq', 'bk', 'bv', 'bo']}
    probe = rand(g, b, t, d)
    mha = torch.nn.MultiheadAttention(d, heads, batch_first=True)
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.cat([w['wq'].t(), w['wk'].t(), w['wv'].t()], 0))
        mha.in_proj_bias.copy_(torch.cat([bias['bq'], bias['bk'], bias['bv']]))
        mha.out_proj.weight.copy_(w['wo'].t())
        mha.out_proj.bias.copy_(bias['bo'])
    # the module's parameters are copies: differentiate through the functional form with the leaves
    out, att = F.multi_head_attention_forward(
        x.transpose(0, 1), x.transpose(0, 1), x.transpose(0, 1), d, heads,
        torch.cat([w['wq'].t(), w['wk'].t(), w['wv'].t()], 0), torch.cat([bias['bq'], bias['bk'], bias['bv']]),
        None, None, False, 0.0, w['wo'].t(), bias['bo'], training=False, need_weights=True,
        average_attn_weights=False)
    out = out.transpose(0, 1)
    ref, _ = mha(x, x, x, need_weights=False)
    assert torch.allclose(ref, out)
    loss = (out * probe).sum()
    inputs = {'x': x, **w, **bias, 'probe': probe}
    write('attention', 'torch.nn.MultiheadAttention (batch_first, per-head weights)', inputs, loss,
          params={'heads': heads}, grads=grads_of(loss, {'x': x, 'wq': w['wq'], 'wk': w['wk'], 'wv': w['wv'], 'wo': w['wo']}),
          outputs={'out': out, 'weights': att}, notes='loss = sum(out * probe), to check every gradient')


def vit_block():
    g = gen(17)
    b, t, d, heads, hidden = 2, 4, 8, 2, 16
    x = rand(g, b, t, d)
    ps = {}
    for ln in ['ln1', 'ln2', 'norm']:
        ps[f'{ln}_g'] = rand(g, d, scale=0.1, shift=1.0)
        ps[f'{ln}_b'] = rand(g, d, scale=0.1)
    for k in ['q', 'k', 'v', 'o']:
        ps[f'w{k}'] = rand(g, d, d, scale=1 / math.sqrt(d))
        ps[f'b{k}'] = rand(g, d, scale=0.1)
    ps['fc1_w'], ps['fc1_b'] = rand(g, d, hidden, scale=1 / math.sqrt(d)), rand(g, hidden, scale=0.1)
    ps['fc2_w'], ps['fc2_b'] = rand(g, hidden, d, scale=1 / math.sqrt(hidden)), rand(g, d, scale=0.1)
    probe = rand(g, b, t, d)
    # a timm-style pre-norm Block (x + attn(norm1(x)); x + mlp(norm2(x))) and the ViT's final norm
    h = x
    n1 = F.layer_norm(h, (d,), ps['ln1_g'], ps['ln1_b'])
    a, _ = F.multi_head_attention_forward(
        n1.transpose(0, 1), n1.transpose(0, 1), n1.transpose(0, 1), d, heads,
        torch.cat([ps['wq'].t(), ps['wk'].t(), ps['wv'].t()], 0), torch.cat([ps['bq'], ps['bk'], ps['bv']]),
        None, None, False, 0.0, ps['wo'].t(), ps['bo'], training=False, need_weights=False)
    h = h + a.transpose(0, 1)
    n2 = F.layer_norm(h, (d,), ps['ln2_g'], ps['ln2_b'])
    h = h + F.gelu(n2 @ ps['fc1_w'] + ps['fc1_b'], approximate='tanh') @ ps['fc2_w'] + ps['fc2_b']
    out = F.layer_norm(h, (d,), ps['norm_g'], ps['norm_b'])
    loss = (out * probe).sum()
    write('vit_block', 'pre-norm ViT block (timm Block: LayerNorm, nn.MultiheadAttention, GELU tanh MLP) + final LayerNorm',
          {'x': x, **ps, 'probe': probe}, loss, params={'heads': heads},
          grads=grads_of(loss, {'x': x, 'wq': ps['wq'], 'fc1_w': ps['fc1_w'], 'ln1_g': ps['ln1_g']}),
          outputs={'out': out}, notes='loss = sum(out * probe)')


def mae():
    g = gen(18)
    n, p, hidden = 3, 7, 12
    imgs = rounded(torch.rand(n, 28, 28, 1, generator=g))
    pred = rand(g, n, 16, p * p * 1, scale=0.5, shift=0.5)
    mask = exact_mask(g, n, 4, 4, hidden)
    out = {}
    for norm_pix in [False, True]:
        # facebookresearch/mae models_mae.py MaskedAutoencoderViT.forward_loss
        target = mae_patchify(imgs, p)
        if norm_pix:
            mean = target.mean(dim=-1, keepdim=True)
            var = target.var(dim=-1, keepdim=True)
            target = (target - mean) / (var + 1.e-6) ** .5
        m = mask.reshape(n, -1)
        loss = (pred - target) ** 2
        loss = loss.mean(dim=-1)
        loss = (loss * m).sum() / m.sum()
        out[norm_pix] = loss
    write('mae', 'facebookresearch/mae models_mae.py forward_loss (norm_pix_loss off; on as a term)',
          {'imgs': imgs, 'pred': pred, 'mask': mask}, out[False], params={'patch': p},
          terms={'normPix': out[True]}, grads=grads_of(out[False], {'pred': pred}),
          outputs={'patches': mae_patchify(imgs, p)},
          notes='pred covers every patch, as the official decoder outputs; only hidden ones count')


def ijepa():
    g = gen(19)
    b, gh, gw, d, hidden = 3, 4, 4, 6, 4
    h_full = rand(g, b, gh * gw, d, scale=2.0, shift=0.5)
    mask = exact_mask(g, b, gh, gw, hidden)
    z = rand(g, b, hidden, d, scale=1.5)
    # facebookresearch/ijepa src/train.py forward_target + loss_fn, one target mask per image
    with torch.no_grad():
        h = F.layer_norm(h_full, (d,))
        ids = torch.nonzero(mask.reshape(b, -1))[:, 1].reshape(b, hidden)  # ascending positions
        h = torch.gather(h, 1, ids[:, :, None].repeat(1, 1, d))
    loss = F.smooth_l1_loss(z, h)
    mse = F.mse_loss(z, h)
    write('ijepa', 'facebookresearch/ijepa src/train.py (layer-normalised targets, smooth L1; MSE as a term)',
          {'z': z, 'h': h_full, 'mask': mask}, loss, terms={'mse': mse}, grads=grads_of(loss, {'z': z}),
          notes='targets are computed without gradient, as in the official code')


class OfficialDINOHead(torch.nn.Module):
    """facebookresearch/dino vision_transformer.py DINOHead (use_bn=False, norm_last_layer=True),
    with GELU's tanh approximation (the studio's GELU) in place of nn.GELU()."""

    def __init__(self, in_dim, out_dim, nlayers=3, hidden_dim=2048, bottleneck_dim=256):
        super().__init__()
        layers = [torch.nn.Linear(in_dim, hidden_dim), torch.nn.GELU(approximate='tanh')]
        for _ in range(nlayers - 2):
            layers += [torch.nn.Linear(hidden_dim, hidden_dim), torch.nn.GELU(approximate='tanh')]
        layers.append(torch.nn.Linear(hidden_dim, bottleneck_dim))
        self.mlp = torch.nn.Sequential(*layers)
        self.last_layer = torch.nn.utils.weight_norm(torch.nn.Linear(bottleneck_dim, out_dim, bias=False))
        self.last_layer.weight_g.data.fill_(1)
        self.last_layer.weight_g.requires_grad = False

    def forward(self, x):
        x = self.mlp(x)
        x = F.normalize(x, dim=-1, p=2)
        return self.last_layer(x)


def dino_head():
    g = gen(20)
    n, d, hidden, bottleneck, k, lr = 6, 5, 8, 4, 7, 0.5
    x = rand(g, n, d)
    # studio layout: dense weights [in, out]; v [bottleneck, K]
    ps = {'w0': rand(g, d, hidden, scale=0.5), 'b0': rand(g, hidden, scale=0.1),
          'w1': rand(g, hidden, hidden, scale=0.4), 'b1': rand(g, hidden, scale=0.1),
          'w2': rand(g, hidden, bottleneck, scale=0.4), 'b2': rand(g, bottleneck, scale=0.1),
          'v': rand(g, bottleneck, k, scale=0.7)}
    probe = rand(g, n, k)
    head = OfficialDINOHead(d, k, nlayers=3, hidden_dim=hidden, bottleneck_dim=bottleneck)
    with torch.no_grad():
        for i, li in enumerate([0, 2, 4]):
            head.mlp[li].weight.copy_(ps[f'w{i}'].t())
            head.mlp[li].bias.copy_(ps[f'b{i}'])
        head.last_layer.weight_v.copy_(ps['v'].t())
    xin = x.detach().clone().requires_grad_(True)
    out = head(xin)
    loss = (out * probe).sum()
    params = [head.mlp[0].weight, head.mlp[0].bias, head.mlp[2].weight, head.mlp[2].bias,
              head.mlp[4].weight, head.mlp[4].bias, head.last_layer.weight_v]
    gs = torch.autograd.grad(loss, [xin] + params)
    names = ['w0', 'b0', 'w1', 'b1', 'w2', 'b2', 'v']
    # studio layout for the gradients: transpose the [out, in] matrices back
    grads = {'x': enc(gs[0])}
    for nme, gr in zip(names, gs[1:]):
        grads[nme] = enc(gr.t() if gr.dim() == 2 else gr)
    # one training step: SGD on every trainable parameter (weight_g stays 1), then forward again
    opt = torch.optim.SGD([p for p in head.parameters() if p.requires_grad], lr=lr)
    opt.zero_grad()
    (head(x.detach()) * probe).sum().backward()
    opt.step()
    with torch.no_grad():
        after = head(x.detach())
        wn = head.last_layer.weight  # recomputed by the weight_norm hook at the forward
        row_norms = wn.norm(dim=1)
    write('dino_head', 'facebookresearch/dino vision_transformer.py DINOHead (nlayers 3, weight_norm last layer, weight_g = 1 frozen)',
          {'x': x, **ps, 'probe': probe}, loss, params={'lr': lr}, grads=grads,
          outputs={'out': out, 'outAfterStep': after, 'rowNorms': row_norms},
          notes='loss = sum(out * probe); outAfterStep: the head after one SGD step (lr) on that loss; rowNorms: each output unit weight row norm (1)')


def optimizers():
    """torch.optim.Adam and SGD(momentum=0.9) over a few steps of given gradients, for the
    trainer's fused optimizer (engine/runtime/optimizer.ts). Gradients of very different
    scales per parameter; in the SGD run p2 has no gradient (None) at steps 2 and 3, which
    torch skips (the fused update masks it)."""
    g = gen(41)
    shapes = {'p0': (3, 4), 'p1': (4,), 'p2': (2, 2, 2)}
    init = {k: rand(g, *s).detach() for k, s in shapes.items()}
    steps = 6
    grads = [{k: rand(g, *s, scale=10.0 ** (i - 1)).detach() for i, (k, s) in enumerate(shapes.items())} for _ in range(steps)]
    runs = {}
    for kind, make in [('adam', lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.9, 0.999), eps=1e-8)),
                       ('sgd', lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9))]:
        params = {k: v.clone().requires_grad_(True) for k, v in init.items()}
        opt = make(list(params.values()))
        after = []
        for i, gs in enumerate(grads):
            for k, p in params.items():
                p.grad = None if kind == 'sgd' and k == 'p2' and i in (1, 2) else gs[k].clone()
            opt.step()
            after.append({k: enc(p) for k, p in params.items()})
        runs[kind] = after
    doc = {'name': 'optimizers', 'source': 'torch.optim.Adam(lr=0.01, betas=(0.9, 0.999), eps=1e-8), torch.optim.SGD(lr=0.05, momentum=0.9)',
           'init': {k: enc(v) for k, v in init.items()}, 'grads': [{k: enc(v) for k, v in gs.items()} for gs in grads],
           'sgdMissing': {'p2': [1, 2]}, 'after': runs}
    out = os.path.join(ROOT, 'engine', 'runtime', 'fixtures')
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'optimizers.json'), 'w') as f:
        json.dump(doc, f)
        f.write('\n')


if __name__ == '__main__':
    optimizers()
    for f in [kl, contractive, ntxent, moco, byol, simsiam, vicreg, barlow, sinkhorn, swav, dino, gan, kmeans, gmm,
              sparse_coding, free_energy, target_prop, attention, vit_block, mae, ijepa, dino_head]:
        f()
