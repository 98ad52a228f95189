import { ACTIVATIONS } from '../../engine/ops/activation';
import { DINO_HEAD_INIT_DOC, DINO_HEAD_INITS, forwardDinoHead, initDinoHead, type DinoHeadConfig } from '../../engine/ops/dino-head';
import { NORMS } from '../../engine/ops/mlp';
import { choice, int, intList } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize, type TensorType } from '../../engine/types';

type P = { hidden: number[]; bottleneck: number; out: number; activation: (typeof ACTIVATIONS)[number]; norm: (typeof NORMS)[number]; init: (typeof DINO_HEAD_INITS)[number]; freezeLast: number };

function config(input: TensorType, p: P): DinoHeadConfig {
  return { inDim: featureSize(input), hidden: p.hidden, bottleneck: p.bottleneck, out: p.out, activation: p.activation, norm: p.norm, init: p.init, freezeLast: p.freezeLast };
}

export const dinoHead = defineNode({
  type: 'net.dino-head',
  version: 1,
  label: 'DINO head',
  category: 'network',
  roles: ['projection'],
  doc: 'DINO’s projection head: an MLP down to a bottleneck, which is L2-normalised, then a weight-normalised linear layer with its gain fixed to 1. Every output is the cosine between the bottleneck and one of K learned prototype directions, so the logits stay in [−1, 1] and the loss’s temperatures alone decide how sharp the softmax gets. The teacher (a Momentum encoder) must follow this head too.',
  formula: 'h = MLP(x);  z = h / ‖h‖;  out_k = z · v_k / ‖v_k‖',
  lecture: 'Joint-embedding methods',
  inputs: [{ id: 'in', label: 'in', type: 'latent', accepts: ['latent', 'vector'] }],
  outputs: [{ id: 'out', label: 'logits', type: 'vector' }],
  params: {
    hidden: intList({ label: 'Hidden widths', default: [512, 512], min: 1, max: 8192, minItems: 0, maxItems: 4, doc: 'Width of each hidden layer before the bottleneck (DINO: 2048, 2048).' }),
    bottleneck: int({ label: 'Bottleneck', default: 256, min: 2, max: 4096, doc: 'Size of the L2-normalised vector the prototypes are compared with (DINO: 256).' }),
    out: int({ label: 'Prototypes (K)', default: 1024, min: 2, max: 65536, doc: 'Number of output units: prototype directions the softmax is taken over (DINO: 65,536).' }),
    activation: choice({ label: 'Activation', options: ACTIVATIONS, default: 'gelu', doc: 'Non-linearity after each hidden layer (GELU in DINO).' }),
    norm: choice({ label: 'Normalisation', options: NORMS, default: 'none', doc: 'Norm after each hidden layer; DINO uses none (use_bn=False) with ViTs.' }),
    init: choice({ label: 'Initialisation', options: DINO_HEAD_INITS, default: 'dino', doc: DINO_HEAD_INIT_DOC }),
    freezeLast: int({ label: 'Freeze last layer', default: 0, min: 0, max: 100000, doc: 'Steps at the start during which the prototype directions get no gradient (DINO freezes them for the first epoch; 31 steps is one epoch of the MNIST preset).' }),
  },
  infer: ({ inputs, params }) => ({ out: { type: 'vector', shape: ['B', params.out], views: inputs.in.views } }),
  init(ctx) {
    initDinoHead(ctx, config(ctx.inputTypes.in, ctx.params));
  },
  forward(ctx) {
    const x = ctx.inputs.in;
    const flat = ctx.tf.reshape(x, [x.shape[0], -1]); // [N, D]
    return { out: forwardDinoHead(ctx, flat, config(ctx.inputTypes.in, ctx.params), ctx.inputTypes.in.views ?? 1) }; // [N, K]
  },
});
