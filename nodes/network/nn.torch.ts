// Shared PyTorch building blocks of the network nodes' export parts: the MLP
// (dense layers with per-view batch norm), the 'same'-padded conv stacks, and
// the studio's initialisers. The tensor names and layouts they use are mapped
// from the studio's in `mlpWeights` / `convWeights`.
import type { PyDef, WeightEntry } from '../../engine/export/types';

export const NN_CORE: PyDef = {
  file: 'model',
  key: 'nn-core',
  source: String.raw`
def activate(x, name):
    """The studio's activations (GELU is the tanh approximation, as in the studio)."""
    if name == "relu":
        return F.relu(x)
    if name == "tanh":
        return torch.tanh(x)
    if name == "sigmoid":
        return torch.sigmoid(x)
    if name == "leaky-relu":
        return F.leaky_relu(x, 0.2)
    if name == "elu":
        return F.elu(x)
    if name == "gelu":
        return F.gelu(x, approximate="tanh")
    return x


def init_(t, kind, fan_in, fan_out):
    """The studio's initialisers: glorot / he uniform (Keras conventions), N(0, 0.02), zeros, ones."""
    with torch.no_grad():
        if kind == "glorot":
            a = math.sqrt(6.0 / (fan_in + fan_out))
            t.uniform_(-a, a)
        elif kind == "he":
            a = math.sqrt(6.0 / fan_in)
            t.uniform_(-a, a)
        elif kind == "normal":
            t.normal_(0.0, 0.02)
        elif kind == "ones":
            t.fill_(1.0)
        else:
            t.zero_()
    return t


class ViewBatchNorm(nn.Module):
    """BatchNorm1d computed over each stacked view on its own (two augmentations of
    one image never share statistics, as when BYOL / SimSiam forward each view
    separately). Under torchrun the statistics are those of the global batch, summed
    over ranks with gradient: SyncBatchNorm, per view."""

    def __init__(self, dim, views=1, eps=1e-5, momentum=0.1):
        super().__init__()
        self.views, self.eps, self.momentum = views, eps, momentum
        self.weight = nn.Parameter(torch.ones(dim))
        self.bias = nn.Parameter(torch.zeros(dim))
        self.register_buffer("running_mean", torch.zeros(dim))
        self.register_buffer("running_var", torch.ones(dim))

    def forward(self, x):  # [V*B, D]
        if not self.training:
            return (x - self.running_mean) / torch.sqrt(self.running_var + self.eps) * self.weight + self.bias
        d = x.shape[1]
        xv = x.reshape(self.views, -1, d)  # [V, B, D]
        n = xv.shape[1] * world_size()
        mean = all_reduce_sum(xv.sum(1, keepdim=True)) / n  # [V, 1, D]
        var = all_reduce_sum(((xv - mean) ** 2).sum(1, keepdim=True)) / n  # [V, 1, D], biased
        y = ((xv - mean) / torch.sqrt(var + self.eps)).reshape(-1, d)
        with torch.no_grad():
            m = self.momentum
            self.running_mean.mul_(1 - m).add_(mean.mean((0, 1)), alpha=m)
            # the running variance uses the unbiased estimate, as nn.BatchNorm1d does
            self.running_var.mul_(1 - m).add_(var.mean((0, 1)) * n / max(1, n - 1), alpha=m)
        return y * self.weight + self.bias


class MLP(nn.Module):
    """Dense layers; a norm after each hidden layer (and after the output when
    norm_output), then the activation. init: "pytorch" or "he-glorot" (the studio's param)."""

    def __init__(self, in_dim, hidden, out_dim, activation="relu", out_activation="linear", norm="none", norm_output=False, views=1, init="he-glorot"):
        super().__init__()
        dims = [in_dim, *hidden, out_dim]
        self.activation, self.out_activation = activation, out_activation
        self.layers = nn.ModuleList()
        self.norms = nn.ModuleList()
        for i, (a, b) in enumerate(zip(dims[:-1], dims[1:])):
            last = i == len(dims) - 2
            layer = nn.Linear(a, b)  # init "pytorch": nn.Linear's own default, U(+-1/sqrt(fan_in))
            if init != "pytorch":
                init_(layer.weight, "he" if activation == "relu" and not last else "glorot", a, b)
                init_(layer.bias, "zeros", a, b)
            self.layers.append(layer)
            if (not last or norm_output) and norm == "batch":
                self.norms.append(ViewBatchNorm(b, views))
            elif (not last or norm_output) and norm == "layer":
                self.norms.append(nn.LayerNorm(b, eps=1e-5))
            else:
                self.norms.append(nn.Identity())

    def forward(self, x):  # [N, in_dim] -> [N, out_dim]
        for i, (layer, norm) in enumerate(zip(self.layers, self.norms)):
            x = norm(layer(x))
            x = activate(x, self.out_activation if i == len(self.layers) - 1 else self.activation)
        return x


def same_pad(size, k, s=2):
    """TensorFlow's 'same' padding (the extra pixel goes after): (before, after)."""
    total = max((math.ceil(size / s) - 1) * s + k - size, 0)
    return total // 2, total - total // 2


class ConvStack(nn.Module):
    """Stride-2 'same' convolutions on NHWC images (the studio's layout); returns NHWC."""

    def __init__(self, in_ch, channels, kernel, activation):
        super().__init__()
        self.kernel, self.activation = kernel, activation
        self.convs = nn.ModuleList()
        for c in channels:
            conv = nn.Conv2d(in_ch, c, kernel, stride=2)
            init_(conv.weight, "he", kernel * kernel * in_ch, kernel * kernel * c)
            init_(conv.bias, "zeros", 1, 1)
            self.convs.append(conv)
            in_ch = c

    def forward(self, x):  # [N, H, W, C]
        h = x.permute(0, 3, 1, 2)
        for conv in self.convs:
            top, bottom = same_pad(h.shape[2], self.kernel)
            left, right = same_pad(h.shape[3], self.kernel)
            h = activate(conv(F.pad(h, (left, right, top, bottom))), self.activation)
        return h.permute(0, 2, 3, 1)  # [N, H/2^L, W/2^L, C']


class DeconvStack(nn.Module):
    """Stride-2 'same' transposed convolutions doubling H and W, NHWC in and out."""

    def __init__(self, in_ch, channels, kernel, activation, out_activation):
        super().__init__()
        self.activation, self.out_activation = activation, out_activation
        self.pad = max(kernel - 2, 0) // 2
        self.deconvs = nn.ModuleList()
        for c in channels:
            d = nn.ConvTranspose2d(in_ch, c, kernel, stride=2, padding=self.pad)
            init_(d.weight, "glorot", kernel * kernel * c, kernel * kernel * in_ch)
            init_(d.bias, "zeros", 1, 1)
            self.deconvs.append(d)
            in_ch = c

    def forward(self, x):  # [N, h, w, C]
        h = x.permute(0, 3, 1, 2)
        for i, d in enumerate(self.deconvs):
            size = (h.shape[2] * 2, h.shape[3] * 2)
            # TF pads the larger half after: crop what PyTorch's symmetric padding leaves there
            h = d(h)[:, :, : size[0], : size[1]]
            h = activate(h, self.out_activation if i == len(self.deconvs) - 1 else self.activation)
        return h.permute(0, 2, 3, 1)  # [N, 2^L h, 2^L w, C']
`,
};

/** Studio names of an MLP (engine/ops/mlp.ts) -> the MLP class above, under `prefix`. */
export function mlpWeights(layers: number, norm: string, normOutput: boolean, prefix: string, studioPrefix = ''): WeightEntry[] {
  const out: WeightEntry[] = [];
  for (let l = 0; l < layers; l++) {
    const last = l === layers - 1;
    out.push({ studio: `${studioPrefix}w${l}`, torch: `${prefix}layers.${l}.weight`, layout: 'dense' });
    out.push({ studio: `${studioPrefix}b${l}`, torch: `${prefix}layers.${l}.bias`, layout: 'same' });
    if ((!last || normOutput) && norm !== 'none') {
      out.push({ studio: `${studioPrefix}gamma${l}`, torch: `${prefix}norms.${l}.weight`, layout: 'same' });
      out.push({ studio: `${studioPrefix}beta${l}`, torch: `${prefix}norms.${l}.bias`, layout: 'same' });
      if (norm === 'batch') {
        out.push({ studio: `${studioPrefix}runMean${l}`, torch: `${prefix}norms.${l}.running_mean`, layout: 'same' });
        out.push({ studio: `${studioPrefix}runVar${l}`, torch: `${prefix}norms.${l}.running_var`, layout: 'same' });
      }
    }
  }
  return out;
}

/** Studio names of a conv / deconv stack (engine/ops/conv.ts) -> ConvStack / DeconvStack. */
export function convWeights(layers: number, kind: 'conv' | 'deconv', prefix: string): WeightEntry[] {
  const list = kind === 'conv' ? 'convs' : 'deconvs';
  return Array.from({ length: layers }, (_, l) => [
    { studio: `${kind}w${l}`, torch: `${prefix}${list}.${l}.weight`, layout: kind },
    { studio: `${kind}b${l}`, torch: `${prefix}${list}.${l}.bias`, layout: 'same' as const },
  ]).flat();
}
