import { dinoCenterUpdate } from '../../engine/ops/dino';
import { stopGradient } from '../../engine/ops/stop-gradient';
import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize } from '../../engine/types';

export const centering = defineNode({
  type: 'op.centering',
  version: 1,
  label: 'Centering',
  category: 'operator',
  doc: 'Subtracts a running mean C of the teacher outputs (C ← mC + (1 − m)·batch mean, after each step). In DINO, centering stops one output dimension from dominating, while the sharp teacher temperature stops the uniform solution: together they avoid collapse.',
  formula: 'C ← m C + (1 − m) mean_b t_b;  output t − C',
  lecture: 'Joint-embedding methods',
  inputs: [{ id: 'in', label: 'teacher', type: 'vector', accepts: ['vector', 'latent'] }],
  outputs: [{ id: 'out', label: 'centred', type: 'vector' }],
  params: {
    momentum: num({ label: 'Centre momentum', default: 0.9, min: 0, max: 1, step: 0.01, doc: 'm in C ← mC + (1 − m)·mean; 0.9 in DINO.' }),
  },
  infer: ({ inputs }) => ({ out: { ...inputs.in } }),
  init(ctx) {
    ctx.state('center', ctx.tf.zeros([1, featureSize(ctx.inputTypes.in)])); // [1, K]
  },
  forward(ctx) {
    const { tf } = ctx;
    const t = stopGradient(tf, ctx.inputs.in); // [N, K]
    const center = ctx.state.center;
    const kept = ctx.retain(t);
    // the centre moves after the loss used it, as in the official DINOLoss.update_center
    ctx.afterStep((set) => set('center', dinoCenterUpdate(tf, center, kept, ctx.params.momentum)));
    return { out: tf.sub(t, center) };
  },
});
