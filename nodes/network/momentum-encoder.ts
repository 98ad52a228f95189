import { byolMomentum } from '../../engine/ops/ema';
import { stopGradient } from '../../engine/ops/stop-gradient';
import { choice, nodes, num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { formatType, isProblem, problem, type TensorType } from '../../engine/types';

export const momentumEncoder = defineNode({
  type: 'net.momentum-encoder',
  version: 1,
  label: 'Momentum encoder',
  category: 'network',
  doc: 'A slowly moving copy of online networks: its weights are an exponential moving average θ ← mθ + (1 − m)θ_online, never trained by gradients. It gives BYOL, MoCo and DINO a stable target that changes more slowly than the online branch, and its output carries no gradient.',
  formula: 'θ_target ← m θ_target + (1 − m) θ_online  (after or before each step)',
  lecture: 'Shared building blocks',
  inputs: [{ id: 'in', label: 'in', type: 'image', accepts: ['image', 'vector', 'latent'] }],
  outputs: [{ id: 'out', label: 'target', type: 'vector' }],
  params: {
    follows: nodes({ label: 'Follows', default: [], categories: ['network'], maxItems: 6, doc: 'The online networks it copies, applied in order (e.g. encoder, projector).' }),
    momentum: num({ label: 'Momentum', default: 0.99, min: 0, max: 1, step: 0.001, doc: 'm: 1 freezes the target, 0 copies the online weights each step.' }),
    schedule: choice({ label: 'Schedule', options: ['cosine', 'constant'] as const, default: 'cosine', doc: 'cosine raises m to 1 over the run, as in BYOL and DINO; MoCo keeps it constant.' }),
    when: choice({ label: 'Update', options: ['after-step', 'before-step'] as const, default: 'after-step', doc: 'MoCo updates the key encoder before computing keys; BYOL and DINO after the online step.' }),
  },
  example: { inputs: { in: { type: 'image', shape: ['B', 28, 28, 1] } }, params: { follows: ['enc'] }, peers: { enc: 'net.encoder' } },
  mirror: {
    follows: (p) => p.follows,
    momentum: (p, step, total) => (p.schedule === 'cosine' ? byolMomentum(p.momentum, step, total) : p.momentum),
    when: (p) => p.when,
  },
  infer: ({ inputs, params, lookupNode }) => {
    if (params.follows.length === 0) return problem('choose the online networks it follows (Follows)');
    let t: TensorType = inputs.in;
    for (const ref of params.follows) {
      const n = lookupNode?.(ref);
      if (!n) return problem(`follows "${ref}", which is not a valid node of this graph`);
      if (n.spec.category !== 'network' || n.spec.mirror || n.spec.inputs.length !== 1) return problem(`can only follow single-input networks; "${ref}" is a ${n.spec.label}`);
      const port = n.spec.inputs[0];
      if (!(port.accepts ?? [port.type]).includes(t.type)) return problem(`${n.spec.label} (${ref}) expects ${(port.accepts ?? [port.type]).join(' or ')}, got ${formatType(t)}`);
      const r = n.spec.infer({ inputs: { [port.id]: t }, params: n.params, lookupNode });
      if (isProblem(r)) return problem(`following ${n.spec.label} (${ref}): ${r.problem}`);
      t = Object.values(r)[0];
    }
    return { out: t };
  },
  forward(ctx) {
    // the target is a constant for the online update: no gradient flows into it
    return { out: stopGradient(ctx.tf, ctx.mirrored!(ctx.inputs.in)) };
  },
});
