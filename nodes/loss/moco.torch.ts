// PyTorch export of MoCo InfoNCE (moco.ts).
import { lossPart } from './loss.torch';

export const mocoTorch = lossPart({
  fn: 'moco_symmetric',
  ports: [{ id: 'q' }, { id: 'k' }, { id: 'queue' }],
  args: (p) => ({ temperature: p.temperature }),
  source: String.raw`
def moco_info_nce(q, k, queue, temperature):
    """MoCo (facebookresearch/moco builder.py): the positive logit q.k first, then q
    against every queued key, cross-entropy with label 0."""
    qn, kn = l2_normalize(q), l2_normalize(k)
    l_pos = (qn * kn).sum(-1, keepdim=True)  # [B, 1]
    l_neg = qn @ queue.t()  # [B, K]
    logits = torch.cat([l_pos, l_neg], 1) / temperature
    return F.cross_entropy(logits, torch.zeros(q.shape[0], dtype=torch.long))


def moco_symmetric(q, k, queue, temperature=0.2):
    """Symmetrised as MoCo v3: each view's query against the other view's key."""
    q1, q2 = split_views(q, 2)
    k1, k2 = split_views(k.detach(), 2)
    queue = queue.detach()
    return 0.5 * (moco_info_nce(q1, k2, queue, temperature) + moco_info_nce(q2, k1, queue, temperature))
`,
});
