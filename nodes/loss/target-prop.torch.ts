// PyTorch export of Target propagation (target-prop.ts): the layers, their inverses
// and difference target propagation, every layer's input detached.
import { features, kwargs, type TorchPart } from '../../engine/export/types';

const TP = String.raw`
class TargetProp(nn.Module):
    """Difference target propagation (Lee, Zhang, Fischer & Bengio 2015): t_L = h_L - eta dCE/dh_L,
    t_{i-1} = h_{i-1} + g_i(t_i) - g_i(h_i); layer i learns ||f_i(h_{i-1}.detach()) - t_i||^2,
    its inverse g_i learns ||g_i(h_i) - h_{i-1}||^2 on detached activations."""

    def __init__(self, dims, activation, eta):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(dims[:-1], dims[1:]))
        self.inverses = nn.ModuleList(nn.Linear(b, a) for a, b in zip(dims[1:-1], dims[2:]))
        self.tanh, self.eta = activation == "tanh", eta

    def act(self, x):
        return torch.tanh(x) if self.tanh else x

    def forward(self, x, labels):
        n = len(self.layers)
        h, prev = [], x.flatten(1)
        for i, f in enumerate(self.layers):
            y = f(prev.detach())
            prev = y if i == n - 1 else self.act(y)
            h.append(prev)
        hs = [t.detach() for t in h]
        logits, labels = hs[-1], labels.long()
        onehot = F.one_hot(labels, logits.shape[1]).to(logits.dtype)
        t = [None] * n
        t[-1] = logits - self.eta * (F.softmax(logits, 1) - onehot)

        def g(i, z):
            return self.act(self.inverses[i - 1](z))

        for i in range(n - 1, 0, -1):
            t[i - 1] = (hs[i - 1] + g(i, t[i]) - g(i, hs[i])).detach()

        def sq(d):
            return (d ** 2).sum(1).mean()

        sub = {f"layer{i + 1}": sq(h[i] - t[i]) for i in range(n)}
        sub.update({f"inverse{i + 1}": sq(g(i, hs[i]) - hs[i - 1]) for i in range(1, n)})
        loss = sum(sub.values())
        with torch.no_grad():
            sub["task"] = F.cross_entropy(logits, labels)
            sub["error"] = 1 - (logits.argmax(1) == labels).float().mean()
        return h[-2], h[-1], loss, sub
`;

export const targetPropTorch: TorchPart = {
  code: [{ file: 'model', key: 'TargetProp', source: TP }],
  module: ({ params: p, inputTypes }) => `TargetProp(${kwargs({ dims: [features(inputTypes.x), ...(p.hidden as number[]), p.classes], activation: p.activation, eta: p.targetStep })})`,
  forward: ({ id, py, inputs, out }) => [
    `${out.hidden ?? '_'}, ${out.logits ?? '_'}, terms[${JSON.stringify(id)}], sub = self.${py}(${inputs.x}, ${inputs.labels})`,
    `terms.update({${JSON.stringify(`${id}/`)} + k: v for k, v in sub.items()})`,
  ],
  weights: ({ params: p }) => {
    const n = (p.hidden as number[]).length + 1;
    return Array.from({ length: n }, (_, i) => [
      { studio: `w${i}`, torch: `layers.${i}.weight`, layout: 'dense' as const },
      { studio: `b${i}`, torch: `layers.${i}.bias`, layout: 'same' as const },
      ...(i > 0
        ? [
            { studio: `v${i - 1}`, torch: `inverses.${i - 1}.weight`, layout: 'dense' as const },
            { studio: `c${i - 1}`, torch: `inverses.${i - 1}.bias`, layout: 'same' as const },
          ]
        : []),
    ]).flat();
  },
};
