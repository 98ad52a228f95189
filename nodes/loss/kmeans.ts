import { kmeansStep, squaredDistances } from '../../engine/ops/kmeans';
import { stopGradient } from '../../engine/ops/stop-gradient';
import { choice, int } from '../../engine/params';
import { defineNode, type Tensor } from '../../engine/spec';
import { featureSize } from '../../engine/types';
import { LOSS_OUT, scalarType, embeddingPort, flat, needBatchOfVectors, weightParam } from './common';
import { blend, claimUpdate, isSeeded, kmeansPlusPlus, markSeeded, seedDraws } from './clustering';

export const kmeans = defineNode({
  type: 'loss.kmeans',
  version: 1,
  label: 'K-means',
  category: 'loss',
  doc: 'K-means as an energy: E = mean squared distance from each point to its nearest centroid, a latent-variable model whose latent (the cluster index) is minimised out by the hard assignment. “em” updates the centroids after each step without gradients (Sculley’s mini-batch k-means: each centroid moves towards the mean of its points at rate 1/count, so it settles), “gradient” makes them trainable variables that the optimizer moves down the energy. Centroids start as k-means++ seeds drawn from the first batch.',
  formula: 'E(x) = mean_b min_k ‖x_b − c_k‖²',
  lecture: 'Classical and energy-based',
  inputs: [embeddingPort('x', 'x', 'Points [B, d]: data, or features. On an encoder’s output the energy also trains the encoder; put a Stop-gradient node before it to cluster fixed features.')],
  outputs: [...LOSS_OUT, { id: 'assignments', label: 'cluster', type: 'labels', doc: 'Index of the nearest centroid of each sample (for plots).' }],
  params: {
    k: int({ label: 'Clusters K', default: 8, min: 1, max: 256, doc: 'K, the number of centroids.' }),
    update: choice({ label: 'Update', options: ['em', 'gradient'] as const, default: 'em', doc: 'em: mini-batch Lloyd updates, no gradient; gradient: the optimizer moves the centroids.' }),
    weight: weightParam(),
  },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  infer: ({ inputs }) => needBatchOfVectors('x', inputs.x) ?? { loss: scalarType(), assignments: { type: 'labels', shape: ['B'], views: inputs.x.views } },
  init(ctx) {
    const { tf, params: p } = ctx;
    const d = featureSize(ctx.inputTypes.x);
    if (p.update === 'gradient') ctx.variable('centroids', [p.k, d], 'normal'); // [K, d], overwritten by the seeds
    else {
      ctx.state('centroids', tf.zeros([p.k, d])); // [K, d]
      ctx.state('counts', tf.zeros([p.k])); // [K] points seen per centroid
    }
    ctx.state('ready', tf.scalar(0)); // 1 once seeded
  },
  draws: seedDraws,
  forward(ctx) {
    const { tf, params: p, state } = ctx;
    const gradient = p.update === 'gradient';
    const x = flat(tf, ctx.inputs.x); // [N, d]
    const current = gradient ? ctx.vars.centroids : state.centroids; // [K, d]
    let c: Tensor = current;
    let seeds: Tensor | null = null;
    if (!isSeeded(state)) {
      // until the first update, the centroids are seeds drawn from this batch
      seeds = kmeansPlusPlus(tf, stopGradient(tf, x), p.k, ctx.seed); // [K, d]
      c = blend(tf, current, seeds, state.ready);
    }
    const d2 = squaredDistances(tf, x, c); // [N, K]
    const energies = tf.min(d2, -1); // [N] squared distance to the nearest centroid
    const loss = ctx.perSample ? energies : tf.mean(energies); // mean: kmeansEnergy(x, c)
    const assignments = tf.argMin(d2, -1); // [N] int32
    if (ctx.training && !ctx.perSample && (!gradient || seeds)) {
      const xs = ctx.retain(stopGradient(tf, x)); // [N, d]
      const kept = seeds && ctx.retain(seeds);
      const vars = ctx.vars;
      const step = ctx.step;
      ctx.afterStep((set) => {
        if (!claimUpdate(state, step)) return; // already updated by another phase's pass
        const ready = state.ready;
        const now = gradient ? vars.centroids : state.centroids;
        const c0 = kept ? blend(tf, now, kept, ready) : now; // [K, d]
        if (gradient) vars.centroids.assign(c0);
        else {
          // Sculley (2010): c_k ← c_k + (n_k / count_k)(mean_k − c_k), count_k += n_k,
          // i.e. each centroid is the running mean of every point it was assigned
          const nk = tf.sum(tf.cast(tf.oneHot(tf.argMin(squaredDistances(tf, xs, c0), -1), p.k), 'float32'), 0); // [K]
          const means = kmeansStep(tf, xs, c0); // [K, d] batch means (c0 where empty)
          const counts = tf.add(tf.mul(state.counts, ready), nk); // [K]
          const rate = tf.expandDims(tf.div(nk, tf.maximum(counts, 1)), 1); // [K, 1]
          set('centroids', tf.add(c0, tf.mul(rate, tf.sub(means, c0))));
          set('counts', counts);
        }
        set('ready', tf.scalar(1));
        markSeeded(state);
      });
    }
    return { loss, assignments };
  },
});
