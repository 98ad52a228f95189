// PyTorch export of the Momentum encoder (momentum-encoder.ts): deep copies of
// the followed networks, updated by EMA, never by gradients.
import { kwargs, type TorchPart } from '../../engine/export/types';

const MOMENTUM = String.raw`
class MomentumEncoder(nn.Module):
    """theta <- m theta + (1 - m) theta_online for the copies of the followed networks.
    BYOL's cosine schedule raises m to 1 over the run; MoCo keeps it constant and
    updates before computing the keys, BYOL / DINO after the online step."""

    def __init__(self, online, momentum, schedule, when):
        super().__init__()
        self.online = online  # a plain list: the online networks stay owned by the graph
        self.copies = nn.ModuleList(copy.deepcopy(m) for m in online)
        for p in self.copies.parameters():
            p.requires_grad_(False)
        self.momentum, self.schedule, self.when = momentum, schedule, when

    def m_at(self, step, total_steps):
        if self.schedule != "cosine":
            return self.momentum
        k = min(max(step, 0), total_steps)
        return 1 - (1 - self.momentum) * (math.cos(math.pi * k / total_steps) + 1) / 2

    @torch.no_grad()
    def update(self, step, total_steps):
        m = self.m_at(step, total_steps)
        for copy_, online in zip(self.copies, self.online):
            for t, o in zip(copy_.parameters(), online.parameters()):
                t.mul_(m).add_(o.detach(), alpha=1 - m)

    def forward(self, x):
        with torch.no_grad():
            for net in self.copies:
                x = net(x.flatten(1) if isinstance(net, MLP) else x)
        return x
`;

export const momentumEncoderTorch: TorchPart = {
  code: [{ file: 'model', key: 'MomentumEncoder', source: MOMENTUM }],
  module: ({ params: p, peer }) => {
    const follows = (p.follows as string[]).map((id) => `self.${peer(id)?.py ?? id}`);
    return `MomentumEncoder([${follows.join(', ')}], ${kwargs({ momentum: p.momentum, schedule: p.schedule, when: p.when })})`;
  },
  forward: ({ py: name, inputs, out }) => [`${out.out} = self.${name}(${inputs.in})`],
  weights: ({ params: p, peer }) =>
    (p.follows as string[]).flatMap((ref, i) => {
      const n = peer(ref);
      if (!n?.part.weights) return [];
      return n.part.weights(n).map((w) => ({ studio: `${ref}/${w.studio}`, torch: `copies.${i}.${w.torch}`, layout: w.layout }));
    }),
};
