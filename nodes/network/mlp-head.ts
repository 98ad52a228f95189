// The shared body of the SSL heads (projector, predictor): an MLP on vectors
// with batch norm by default — at MNIST scale BYOL and SimSiam collapse
// without BN in these heads (docs/methods.md).
import { ACTIVATIONS } from '../../engine/ops/activation';
import { MLP_INIT_DOC, MLP_INITS, NORMS, forwardMlp, initMlp, type MlpConfig, type MlpInit } from '../../engine/ops/mlp';
import { bool, choice, int, intList } from '../../engine/params';
import { defineNode, type NodeRole } from '../../engine/spec';
import { featureSize, type TensorType } from '../../engine/types';

interface HeadDefaults {
  type: string;
  label: string;
  doc: string;
  hidden: number[];
  /** 0: same as the input (a predictor maps back into the space it reads from). */
  out: number;
  normOutput: boolean;
  /** 'projection' for a projector head: the collapse monitors look at its output. */
  roles?: readonly NodeRole[];
}

type P = { hidden: number[]; out: number; activation: (typeof ACTIVATIONS)[number]; norm: (typeof NORMS)[number]; normOutput: boolean; init: MlpInit };

function config(input: TensorType, p: P): MlpConfig {
  const inDim = featureSize(input);
  return { inDim, hidden: p.hidden, outDim: p.out || inDim, activation: p.activation, outActivation: 'linear', norm: p.norm, normOutput: p.normOutput, init: p.init };
}

export function mlpHead(d: HeadDefaults) {
  return defineNode({
    type: d.type,
    version: 2,
    label: d.label,
    category: 'network',
    roles: d.roles,
    doc: d.doc,
    inputs: [{ id: 'in', label: 'in', type: 'latent', accepts: ['latent', 'vector'] }],
    outputs: [{ id: 'out', label: 'out', type: 'vector' }],
    params: {
      hidden: intList({ label: 'Hidden widths', default: d.hidden, min: 1, max: 8192, minItems: 0, maxItems: 4, doc: 'Width of each hidden layer.' }),
      out: int({ label: 'Output size', default: d.out, min: 0, max: 8192, doc: 'Dimension of the output; 0 keeps the input size.' }),
      activation: choice({ label: 'Activation', options: ACTIVATIONS, default: 'relu', doc: 'Non-linearity after each hidden layer.' }),
      norm: choice({ label: 'Normalisation', options: NORMS, default: 'batch', doc: 'Batch norm after each hidden layer (per view); it matters for BYOL and SimSiam.' }),
      normOutput: bool({ label: 'Normalise output', default: d.normOutput, doc: 'Batch norm on the output layer too (SimSiam and Barlow Twins projectors end in BN).' }),
      init: choice({ label: 'Initialisation', options: MLP_INITS, default: 'pytorch', doc: MLP_INIT_DOC }),
    },
    migrate: (params, from) => (from < 2 ? { init: 'he-glorot', ...params } : params),
    infer: ({ inputs, params }) => ({ out: { type: 'vector', shape: ['B', params.out || featureSize(inputs.in)], views: inputs.in.views } }),
    init(ctx) {
      initMlp(ctx, config(ctx.inputTypes.in, ctx.params));
    },
    forward(ctx) {
      const x = ctx.inputs.in;
      const flat = ctx.tf.reshape(x, [x.shape[0], -1]); // [N, D]
      return { out: forwardMlp(ctx, flat, config(ctx.inputTypes.in, ctx.params), ctx.inputTypes.in.views ?? 1) }; // [N, out]
    },
  });
}
