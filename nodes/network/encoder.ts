import { ACTIVATIONS, type Activation } from '../../engine/ops/activation';
import { contractivePenalty } from '../../engine/ops/contractive';
import { downsampled, forwardConvStack, initConvStack } from '../../engine/ops/conv';
import { MLP_INIT_DOC, MLP_INITS, NORMS, forwardMlp, initMlp, type MlpConfig, type MlpInit } from '../../engine/ops/mlp';
import { choice, int, intList } from '../../engine/params';
import { defineNode, type ForwardCtx, type Tensor } from '../../engine/spec';
import { featureSize, problem, type TensorType } from '../../engine/types';

type P = {
  arch: 'mlp' | 'cnn';
  channels: number[];
  kernel: number;
  hidden: number[];
  latent: number;
  activation: Activation;
  outActivation: Activation;
  norm: (typeof NORMS)[number];
  output: 'point' | 'gaussian';
  init: MlpInit;
};

/** Features entering the dense head: the input itself (MLP) or the last feature map (CNN). */
function headInput(input: TensorType, p: P): number {
  if (p.arch === 'mlp') return featureSize(input);
  const [, h, w] = input.shape as [unknown, number, number, number];
  return downsampled(h, p.channels.length) * downsampled(w, p.channels.length) * p.channels[p.channels.length - 1];
}

function config(input: TensorType, p: P): MlpConfig {
  const gaussian = p.output === 'gaussian';
  return {
    inDim: headInput(input, p),
    hidden: p.hidden,
    // a Gaussian encoder outputs μ and log σ² side by side
    outDim: gaussian ? 2 * p.latent : p.latent,
    activation: p.activation,
    outActivation: gaussian ? 'linear' : p.outActivation,
    norm: p.norm,
    init: p.init,
  };
}

/** ‖∂h/∂x‖²_F per sample, averaged: closed form for one sigmoid layer, else a finite-difference Hutchinson estimate. */
function jacobianPenalty(ctx: ForwardCtx<P>, x: Tensor, h: Tensor, body: (x: Tensor) => Tensor): Tensor {
  const { tf, params: p } = ctx;
  if (p.arch === 'mlp' && p.hidden.length === 0 && p.outActivation === 'sigmoid' && p.output === 'point') {
    return contractivePenalty(tf, h, ctx.vars.w0); // exact (Rifai et al.)
  }
  // E_v ‖J v‖² = ‖J‖²_F for v ~ N(0, I); J v ≈ (f(x + εv) − f(x)) / ε
  const eps = 1e-2;
  const probes = 4;
  let acc: Tensor = tf.scalar(0);
  for (let i = 0; i < probes; i++) {
    const v = tf.randomNormal(x.shape, 0, 1, 'float32', ctx.seed());
    const jv = tf.div(tf.sub(body(tf.add(x, tf.mul(v, eps))), h), eps); // [N, d]
    acc = tf.add(acc, tf.mean(tf.sum(tf.square(tf.reshape(jv, [jv.shape[0], -1])), 1)));
  }
  return tf.div(acc, probes);
}

export const encoder = defineNode({
  type: 'net.encoder',
  version: 2,
  label: 'Encoder',
  category: 'network',
  roles: ['representation'],
  doc: 'Maps an input to its representation h = f(x). In an autoencoder the latent size is the bottleneck that forces compression; in joint-embedding methods this output, not the projector’s, is what gets evaluated. A Gaussian output (μ, log σ²) makes it the inference network of a VAE.',
  inputs: [{ id: 'in', label: 'in', type: 'image', accepts: ['image', 'vector'] }],
  outputs: [
    { id: 'out', label: 'latent', type: 'latent', doc: 'h, or (μ, log σ²) stacked as [B, 2, d] when the output is Gaussian.' },
    { id: 'jacobian', label: '‖∂h/∂x‖²', type: 'scalar', doc: 'Squared Frobenius norm of the Jacobian (the contractive penalty), computed only when connected.' },
  ],
  params: {
    arch: choice({ label: 'Architecture', options: ['mlp', 'cnn'] as const, default: 'mlp', doc: 'MLP flattens the image; CNN applies stride-2 convolutions first (needs an image input).' }),
    channels: intList({ label: 'Conv channels', default: [32, 64], min: 1, max: 512, minItems: 1, maxItems: 4, doc: 'CNN only: channels of each stride-2 convolution.' }),
    kernel: int({ label: 'Kernel size', default: 3, min: 1, max: 7, doc: 'CNN only: convolution kernel width.' }),
    hidden: intList({ label: 'Hidden widths', default: [256], min: 1, max: 4096, minItems: 0, maxItems: 6, doc: 'Width of each hidden dense layer, input side first.' }),
    latent: int({ label: 'Latent size', default: 32, min: 1, max: 4096, doc: 'Dimension of the representation (the bottleneck).' }),
    activation: choice({ label: 'Activation', options: ACTIVATIONS, default: 'relu', doc: 'Non-linearity after each hidden layer.' }),
    outActivation: choice({ label: 'Output activation', options: ACTIVATIONS, default: 'linear', doc: 'Applied to the latent (tanh bounds it, linear leaves it free).' }),
    norm: choice({ label: 'Normalisation', options: NORMS, default: 'none', doc: 'Batch or layer norm after each hidden dense layer.' }),
    output: choice({ label: 'Output', options: ['point', 'gaussian'] as const, default: 'point', doc: 'point: a code h. gaussian: a distribution N(μ, σ²) per input, for a VAE.' }),
    init: choice({ label: 'Initialisation', options: MLP_INITS, default: 'pytorch', doc: MLP_INIT_DOC }),
  },
  migrate: (params, from) => (from < 2 ? { init: 'he-glorot', ...params } : params),
  usesConv: (p) => p.arch === 'cnn',
  infer: ({ inputs, params }) => {
    const t = inputs.in;
    if (params.arch === 'cnn' && (t.type !== 'image' || t.shape.length !== 4)) return problem(`a CNN encoder needs an image [B, H, W, C], got ${t.type}`, { portIds: ['in'] });
    const out: TensorType =
      params.output === 'gaussian' ? { type: 'distribution', shape: ['B', 2, params.latent], views: t.views } : { type: 'latent', shape: ['B', params.latent], views: t.views };
    return { out, jacobian: { type: 'scalar', shape: [] } };
  },
  init(ctx) {
    const p = ctx.params;
    if (p.arch === 'cnn') initConvStack(ctx, ctx.inputTypes.in.shape[3] as number, p.channels, p.kernel);
    initMlp(ctx, config(ctx.inputTypes.in, p));
  },
  forward(ctx) {
    const { tf, params: p } = ctx;
    const views = ctx.inputTypes.in.views ?? 1;
    const cfg = config(ctx.inputTypes.in, p);
    const body = (x: Tensor): Tensor => {
      const feat = p.arch === 'cnn' ? forwardConvStack(ctx, x, p.channels.length, p.activation) : x; // [N, h, w, c] or input
      return forwardMlp(ctx, tf.reshape(feat, [x.shape[0], -1]), cfg, views); // [N, latent] or [N, 2·latent]
    };
    const x = ctx.inputs.in;
    const h = body(x);
    const out = p.output === 'gaussian' ? tf.reshape(h, [x.shape[0], 2, p.latent]) : h; // [N, 2, d] or [N, d]
    const res: Record<string, Tensor> = { out };
    if (ctx.wants('jacobian')) res.jacobian = jacobianPenalty(ctx, x, h, body);
    else res.jacobian = tf.scalar(0);
    return res;
  },
});
