import { gmmEmStep, gmmJointLogProb } from '../../engine/ops/gmm';
import { squaredDistances } from '../../engine/ops/kmeans';
import { stopGradient } from '../../engine/ops/stop-gradient';
import { choice, int } from '../../engine/params';
import { defineNode, type Tensor, type Tf } from '../../engine/spec';
import { featureSize } from '../../engine/types';
import { LOSS_OUT, scalarType, embeddingPort, flat, needBatchOfVectors, weightParam } from './common';
import { blend, claimUpdate, isSeeded, kmeansPlusPlus, markSeeded, seedDraws } from './clustering';

// variance floor (sklearn's reg_covar): keeps a component from shrinking onto one point
const VAR_FLOOR = 1e-6;
const LOG_VAR_FLOOR = Math.log(VAR_FLOOR);
// online EM step size ρ_t = t^(−κ) (Cappé & Moulines 2009; κ in (½, 1]): ρ_1 = 1 is plain EM on the first batch
const KAPPA = 0.6;

/**
 * Seeds: k-means++ means, equal weights, and for every component the per-dimension
 * variance of the batch around its nearest seed (the scale of one cluster, where the
 * whole batch's variance would start every component wide and make EM crawl).
 * x: [N, d]
 */
function seedParams(tf: Tf, x: Tensor, k: number, seed: () => number): { means: Tensor; logvars: Tensor; logits: Tensor } {
  const means = kmeansPlusPlus(tf, x, k, seed); // [K, d]
  const nearest = tf.gather(means, tf.argMin(squaredDistances(tf, x, means), -1)); // [N, d]
  const variance = tf.mean(tf.square(tf.sub(x, nearest)), 0, true); // [1, d]
  const logvars = tf.tile(tf.log(tf.add(variance, VAR_FLOOR)), [k, 1]); // [K, d]
  return { means, logvars, logits: tf.zeros([k]) };
}

export const gmm = defineNode({
  type: 'loss.gmm',
  version: 1,
  label: 'Gaussian mixture',
  category: 'loss',
  doc: 'A mixture of K diagonal Gaussians as an energy: the negative log-likelihood −log Σ_k π_k N(x; μ_k, σ_k²) per sample, the soft version of K-means whose latent (the component) is summed out rather than minimised. “em” fits it without gradients: after each step the E-step responsibilities of the batch update running sufficient statistics (online EM, step size t^−0.6), and the M-step reads the parameters off them; “gradient” makes means, log-variances and weight logits trainable and lets the optimizer descend the NLL. Means start as k-means++ seeds from the first batch, variances at the spread around them.',
  formula: '−mean_b log Σ_k π_k N(x_b; μ_k, diag σ_k²),  π = softmax(logits)',
  lecture: 'Classical and energy-based',
  inputs: [embeddingPort('x', 'x', 'Points [B, d]: data, or features. On an encoder’s output the NLL also trains the encoder; put a Stop-gradient node before it to model fixed features.')],
  outputs: [...LOSS_OUT, { id: 'assignments', label: 'component', type: 'labels', doc: 'Most responsible component of each sample, argmax_k p(k | x) (for plots).' }],
  params: {
    k: int({ label: 'Components K', default: 8, min: 1, max: 256, doc: 'K, the number of Gaussian components.' }),
    update: choice({ label: 'Update', options: ['em', 'gradient'] as const, default: 'em', doc: 'em: online EM after each step, no gradient; gradient: the optimizer moves means, variances and weights.' }),
    weight: weightParam(),
  },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  infer: ({ inputs }) => needBatchOfVectors('x', inputs.x) ?? { loss: scalarType(), assignments: { type: 'labels', shape: ['B'], views: inputs.x.views } },
  init(ctx) {
    const { tf, params: p } = ctx;
    const d = featureSize(ctx.inputTypes.x);
    if (p.update === 'gradient') {
      // overwritten by the seeds after the first step
      ctx.variable('means', [p.k, d], 'normal'); // [K, d]
      ctx.variable('logvars', [p.k, d], 'zeros'); // [K, d]
      ctx.variable('logits', [p.k], 'zeros'); // [K]
    } else {
      ctx.state('means', tf.zeros([p.k, d])); // [K, d]
      ctx.state('logvars', tf.zeros([p.k, d])); // [K, d]
      ctx.state('logits', tf.zeros([p.k])); // [K] log π
      ctx.state('updates', tf.scalar(0)); // t, the online-EM step count
    }
    ctx.state('ready', tf.scalar(0)); // 1 once seeded
  },
  draws: seedDraws,
  forward(ctx) {
    const { tf, params: p, state } = ctx;
    const gradient = p.update === 'gradient';
    const src = gradient ? ctx.vars : state;
    const x = flat(tf, ctx.inputs.x); // [N, d]
    let means: Tensor = src.means;
    let logvars: Tensor = src.logvars;
    let logits: Tensor = src.logits;
    let seeds: ReturnType<typeof seedParams> | null = null;
    if (!isSeeded(state)) {
      // until the first update, the parameters are seeds drawn from this batch
      seeds = seedParams(tf, stopGradient(tf, x), p.k, ctx.seed);
      means = blend(tf, means, seeds.means, state.ready);
      logvars = blend(tf, logvars, seeds.logvars, state.ready);
      logits = blend(tf, logits, seeds.logits, state.ready);
    }
    // gradient descent can drive a variance to 0 on one point: floor it as EM does
    if (gradient) logvars = tf.maximum(logvars, LOG_VAR_FLOOR);
    const joint = gmmJointLogProb(tf, x, means, logvars, logits); // [N, K]
    const nll = tf.neg(tf.logSumExp(joint, -1)); // [N] −log p(x_b)
    const loss = ctx.perSample ? nll : tf.mean(nll); // mean: gmmNll(x, …)
    const assignments = tf.argMax(joint, -1); // [N] int32
    if (ctx.training && !ctx.perSample && (!gradient || seeds)) {
      const xs = ctx.retain(stopGradient(tf, x)); // [N, d]
      const kept = seeds && { means: ctx.retain(seeds.means), logvars: ctx.retain(seeds.logvars), logits: ctx.retain(seeds.logits) };
      const vars = ctx.vars;
      const step = ctx.step;
      ctx.afterStep((set) => {
        if (!claimUpdate(state, step)) return; // already updated by another phase's pass
        const ready = state.ready;
        const now = gradient ? vars : state;
        const m0 = kept ? blend(tf, now.means, kept.means, ready) : now.means; // [K, d]
        const lv0 = kept ? blend(tf, now.logvars, kept.logvars, ready) : now.logvars; // [K, d]
        const lg0 = kept ? blend(tf, now.logits, kept.logits, ready) : now.logits; // [K]
        if (gradient) {
          vars.means.assign(m0);
          vars.logvars.assign(lv0);
          vars.logits.assign(lg0);
        } else {
          // online EM: merge this batch's weighted moments (an EM step from the current
          // parameters) into the running ones with weights (1 − ρ)π and ρπ̂, in the
          // centred form of the parallel-variance formula (no E[x²] − μ² cancellation)
          const b = gmmEmStep(tf, xs, m0, lv0, lg0); // batch M-step: μ̂, log σ̂², log π̂
          const t = tf.add(tf.mul(state.updates, ready), 1);
          const rho = tf.pow(t, -KAPPA); // scalar, 1 on the first update
          const wa = tf.expandDims(tf.mul(tf.softmax(lg0), tf.sub(1, rho)), 1); // [K, 1]
          const wb = tf.expandDims(tf.mul(tf.exp(b.logits), rho), 1); // [K, 1]
          const w = tf.add(wa, wb); // [K, 1], sums to 1
          const mu = tf.div(tf.add(tf.mul(wa, m0), tf.mul(wb, b.means)), w); // [K, d]
          const spread = tf.mul(tf.div(tf.mul(wa, wb), w), tf.square(tf.sub(m0, b.means))); // [K, d]
          const v = tf.div(tf.addN([tf.mul(wa, tf.exp(lv0)), tf.mul(wb, tf.exp(b.logvars)), spread]), w); // [K, d]
          set('means', mu);
          set('logvars', tf.log(tf.maximum(v, VAR_FLOOR)));
          set('logits', tf.log(tf.maximum(tf.reshape(w, [p.k]), 1e-12)));
          set('updates', t);
        }
        set('ready', tf.scalar(1));
        markSeeded(state);
      });
    }
    return { loss, assignments };
  },
});
