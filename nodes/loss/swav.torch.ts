// PyTorch export of the SwAV swapped prediction (swav.ts).
import { lossPart } from './loss.torch';

export const swavTorch = lossPart({
  fn: 'swav',
  ports: [{ id: 'scores', global: true }],
  args: (p) => ({ temperature: p.temperature, epsilon: p.epsilon, iterations: p.iterations }),
  source: String.raw`
@torch.no_grad()
def sinkhorn(scores, epsilon=0.05, iterations=3):
    """facebookresearch/swav distributed_sinkhorn on the global batch: equal shares of
    the batch per prototype. Each prototype's max is subtracted first (cancelled
    exactly by the first row normalisation) so exp cannot overflow."""
    b, k = scores.shape
    shift = scores.max(0, keepdim=True).values if iterations > 0 else scores.max()
    q = torch.exp((scores - shift) / epsilon).t()  # [K, B]
    q = q / q.sum()
    for _ in range(iterations):
        q = q / q.sum(1, keepdim=True) / k
        q = q / q.sum(0, keepdim=True) / b
    return (q * b).t()  # [B, K], rows sum to 1


def swav(scores, temperature=0.1, epsilon=0.05, iterations=3):
    """Each view predicts the other's Sinkhorn codes: -sum q log softmax(s / tau)."""
    s1, s2 = split_views(scores, 2)
    q1, q2 = sinkhorn(s1.detach(), epsilon, iterations), sinkhorn(s2.detach(), epsilon, iterations)
    ce = lambda q, s: -(q * F.log_softmax(s / temperature, -1)).sum(-1).mean()
    return 0.5 * (ce(q1, s2) + ce(q2, s1))
`,
});
