// DINO's projection head (facebookresearch/dino, vision_transformer.py DINOHead):
// an MLP to a bottleneck, L2-normalised, then a weight-normalised linear layer
// without bias whose gain is fixed to 1 (norm_last_layer=True). Each output is then
// the cosine between the bottleneck vector and one prototype direction, so the
// logits are bounded by 1 and only the temperatures set how sharp they get.
import type { ForwardCtx, InitCtx, InitKind, Tensor, Tf } from '../spec';
import type { Activation } from './activation';
import { forwardMlp, initMlp, type MlpConfig, type Norm } from './mlp';
import { l2Normalize } from './normalize';
import { stopGradient } from './stop-gradient';

export const DINO_HEAD_INITS = ['dino', 'pytorch'] as const;
export type DinoHeadInit = (typeof DINO_HEAD_INITS)[number];
export const DINO_HEAD_INIT_DOC =
  "dino: the MLP's weights N(0, 0.02²) (DINO's trunc_normal_ at std 0.02, whose ±2 cut never bites) and zero biases. pytorch: nn.Linear's default U(±1/√fan_in) for the MLP too. The last layer's direction starts as nn.Linear's default in both, as in DINO.";

export interface DinoHeadConfig {
  inDim: number;
  /** Hidden widths of the MLP before the bottleneck (DINO: two of 2048). */
  hidden: number[];
  /** Bottleneck size, the dimension that is L2-normalised (DINO: 256). */
  bottleneck: number;
  /** Output size K: the number of prototype directions (DINO: 65,536). */
  out: number;
  activation: Activation;
  norm: Norm;
  init: DinoHeadInit;
  /** Steps at the start of training during which the last layer gets no gradient (DINO: the first epoch). */
  freezeLast?: number;
}

function mlpConfig(c: DinoHeadConfig): MlpConfig {
  return { inDim: c.inDim, hidden: c.hidden, outDim: c.bottleneck, activation: c.activation, outActivation: 'linear', norm: c.norm, normOutput: false, init: 'pytorch' };
}

/** MLP variables w{l}, b{l} (and norms), then the last layer's direction v: [bottleneck, K]. */
export function initDinoHead(ctx: InitCtx<unknown>, c: DinoHeadConfig): void {
  // DINO's _init_weights: trunc_normal_(std=.02) weights, zero biases, on the MLP only
  const kindOf = (name: string, kind: InitKind): InitKind => (c.init !== 'dino' ? kind : /^w\d/.test(name) ? 'normal' : /^b\d/.test(name) ? 'zeros' : kind);
  initMlp({ ...ctx, variable: (name, shape, kind, fanIn) => ctx.variable(name, shape, kindOf(name, kind), fanIn) }, mlpConfig(c));
  // weight_v of nn.utils.weight_norm(nn.Linear(bottleneck, K, bias=False)): nn.Linear's init
  ctx.variable('v', [c.bottleneck, c.out], 'fan-in', c.bottleneck);
}

/**
 * The weight-normalised layer with the gain g fixed to 1: W = v / ‖v‖ per output
 * unit (each column of v here, each row of PyTorch's [K, bottleneck] weight_v, the
 * norm over dim 0's complement as weight_norm(dim=0) takes it), so x·W is the
 * cosine of x with each column times ‖x‖.
 * x: [N, D], v: [D, K] -> [N, K]
 */
export function weightNormLinear(tf: Tf, x: Tensor, v: Tensor): Tensor {
  return tf.tidy(() => {
    const w = tf.div(v, tf.norm(v, 'euclidean', 0, true)); // [D, K], unit columns
    return tf.matMul(x, w); // [N, K]
  });
}

/** x: [N, inDim] (N = views·B) -> [N, K] logits, each in [−1, 1] */
export function forwardDinoHead(ctx: ForwardCtx<unknown>, x: Tensor, c: DinoHeadConfig, views = 1): Tensor {
  const { tf } = ctx;
  const h = forwardMlp(ctx, x, mlpConfig(c), views); // [N, bottleneck]
  // DINO's cancel_gradients_last_layer: the prototypes stay put while the rest settles
  const frozen = ctx.training && ctx.step <= (c.freezeLast ?? 0);
  // F.normalize(x, dim=-1): the bottleneck on the unit sphere
  return weightNormLinear(tf, l2Normalize(tf, h), frozen ? stopGradient(tf, ctx.vars.v) : ctx.vars.v); // [N, K]
}
