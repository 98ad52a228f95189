// Target propagation as one node: the layers, their inverses and the targets
// that flow down through the inverses. Targets run against the forward
// direction, so a node per layer would need a wire from each layer's output back
// into the layer below it through the one above (a cycle): one node keeps the
// graph a DAG and the algorithm readable (docs/methods.md).
import { targetProp, type TpWeights } from '../../engine/ops/target-prop';
import { choice, int, intList, num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize, formatType, problem } from '../../engine/types';
import { asScalar, weightParam } from './common';

const dims = (inDim: number, p: { hidden: number[]; classes: number }) => [inDim, ...p.hidden, p.classes];

export const targetPropNode = defineNode({
  type: 'loss.target-prop',
  version: 1,
  label: 'Target propagation',
  category: 'loss',
  roles: ['representation'],
  formula: 't_L = h_L − η ∂L/∂h_L;  t_{i−1} = h_{i−1} + g_i(t_i) − g_i(h_i);  Σ_i ‖f_i(sg h_{i−1}) − sg t_i‖² + ‖g_i(sg h_i) − sg h_{i−1}‖²',
  lecture: 'Target propagation',
  doc: 'A classifier MLP trained without backpropagation between layers. Each layer f_i has an approximate inverse g_i, trained as the decoder of an autoencoder of that layer (‖g_i(f_i(h)) − h‖²). The top layer’s target is the output moved down the loss gradient, t_L = h_L − η ∂L/∂h_L; each layer below gets t_{i−1} = h_{i−1} + g_i(t_i) − g_i(h_i) (difference target propagation), and every layer learns locally to hit its target, with a stop-gradient between layers.',
  inputs: [
    { id: 'x', label: 'x', type: 'image', accepts: ['image', 'vector'], doc: 'Inputs, flattened [B, D].' },
    { id: 'labels', label: 'labels', type: 'labels', doc: 'Class labels [B]: the task loss whose gradient makes the top target.' },
  ],
  outputs: [
    { id: 'hidden', label: 'hidden', type: 'vector', doc: 'The last hidden layer [B, h]: the representation evaluated.' },
    { id: 'logits', label: 'logits', type: 'vector', doc: 'Class scores [B, C].' },
    { id: 'loss', label: 'loss', type: 'scalar' },
  ],
  params: {
    hidden: intList({ label: 'Hidden widths', default: [256, 256], min: 1, max: 4096, minItems: 1, maxItems: 6, doc: 'Width of each hidden layer (each gets an inverse).' }),
    classes: int({ label: 'Classes', default: 10, min: 2, max: 1000, doc: 'Output units: one logit per class.' }),
    activation: choice({ label: 'Activation', options: ['tanh', 'linear'] as const, default: 'tanh', doc: 'Of the hidden layers and the inverses; tanh is invertible, which the inverses rely on.' }),
    targetStep: num({ label: 'Target step η', default: 1, min: 0.001, max: 100, step: 0.1, doc: 'How far the top target moves down the loss gradient: t_L = h_L − η ∂L/∂h_L.' }),
    weight: weightParam(),
  },
  example: { inputs: { x: { type: 'vector', shape: ['B', 12] }, labels: { type: 'labels', shape: ['B'] } } },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  infer: ({ inputs, params }) => {
    if ((inputs.x.views ?? 1) > 1) return problem(`x holds ${inputs.x.views} stacked views; feed the data itself, ${formatType(inputs.x)}`, { portIds: ['x'] });
    return {
      hidden: { type: 'vector', shape: ['B', params.hidden[params.hidden.length - 1]] },
      logits: { type: 'vector', shape: ['B', params.classes] },
      loss: { type: 'scalar', shape: [] },
    };
  },
  init(ctx) {
    const d = dims(featureSize(ctx.inputTypes.x), ctx.params);
    for (let i = 0; i + 1 < d.length; i++) {
      ctx.variable(`w${i}`, [d[i], d[i + 1]], 'glorot');
      ctx.variable(`b${i}`, [d[i + 1]], 'zeros');
      // the inverse of layer i + 1 maps its output back to its (hidden) input
      if (i > 0) {
        ctx.variable(`v${i - 1}`, [d[i + 1], d[i]], 'glorot');
        ctx.variable(`c${i - 1}`, [d[i]], 'zeros');
      }
    }
  },
  forward(ctx) {
    const { tf, params: p, vars } = ctx;
    const x = ctx.inputs.x;
    const layers = p.hidden.length + 1;
    const wts: TpWeights = { w: [], b: [], v: [], c: [] };
    for (let i = 0; i < layers; i++) {
      wts.w.push(vars[`w${i}`]);
      wts.b.push(vars[`b${i}`]);
      if (i > 0) {
        wts.v.push(vars[`v${i - 1}`]);
        wts.c.push(vars[`c${i - 1}`]);
      }
    }
    const r = targetProp(tf, tf.reshape(x, [x.shape[0], -1]), ctx.inputs.labels, wts, p.targetStep, p.activation);
    r.layer.forEach((l, i) => ctx.term(`layer${i + 1}`, asScalar(l)));
    r.inverse.forEach((l, i) => ctx.term(`inverse${i + 2}`, asScalar(l)));
    ctx.term('task', asScalar(r.task));
    ctx.term('error', asScalar(r.error));
    const total = [...r.layer, ...r.inverse].reduce((s, l) => tf.add(s, l));
    return { hidden: r.h[layers - 2], logits: r.h[layers - 1], loss: total };
  },
});
