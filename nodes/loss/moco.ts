import { mocoInfoNce } from '../../engine/ops/info-nce';
import { stopGradient } from '../../engine/ops/stop-gradient';
import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize, formatType, problem } from '../../engine/types';
import { LOSS_OUT, scalarType, embeddingPort, firstProblem, needBatchOfVectors, needSameSize, needTwoViews, splitViews, viewsExample, weightParam } from './common';

export const moco = defineNode({
  type: 'loss.moco',
  version: 1,
  label: 'MoCo InfoNCE',
  category: 'loss',
  doc: 'MoCo’s contrastive loss: each query from the online encoder must pick out its key — the other view, encoded by the momentum encoder — among the K negatives held in the Memory queue (logits [q·k, q·queue] / τ). The queue supplies many negatives without a large batch and the slowly moving key encoder keeps them consistent; keys carry no gradient (detached here too), and a loss stuck near ln(K + 1) means the queries cannot tell keys apart. Symmetrised over the two views (each view’s query against the other view’s key), as in MoCo v3.',
  formula: '−log exp(q·k₊/T) / (exp(q·k₊/T) + Σ_queue exp(q·k/T))',
  lecture: 'Joint-embedding methods',
  inputs: [
    embeddingPort('q', 'queries', 'Online embeddings of two views stacked, [2·B, D].'),
    embeddingPort('k', 'keys', 'Momentum-encoder embeddings of the same two views, [2·B, D].'),
    { id: 'queue', label: 'queue', type: 'vector', doc: 'The K stored negative keys, [K, D] (Memory queue node; already normalised).' },
  ],
  outputs: LOSS_OUT,
  params: {
    temperature: num({ label: 'Temperature τ', default: 0.2, min: 0.01, max: 10, step: 0.01, log: true, doc: 'τ: 0.2 in MoCo v2 (0.07 in v1); lower weights hard negatives more.' }),
    weight: weightParam(),
  },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  example: { inputs: { q: viewsExample(), k: viewsExample(), queue: { type: 'vector', shape: [32, 16] } } },
  infer: ({ inputs }) => {
    const { q, k, queue } = inputs;
    const p = firstProblem(needBatchOfVectors('q', q), needBatchOfVectors('k', k), needTwoViews('q', q), needTwoViews('k', k), needSameSize('q', q, 'k', k));
    if (p) return p;
    if (queue.shape.length !== 2 || typeof queue.shape[0] !== 'number') return problem(`queue must be a stored set of keys [K, D], got ${formatType(queue)}`, { portIds: ['queue'] });
    if (queue.shape[1] !== featureSize(q)) return problem(`queue ${formatType(queue)} must hold keys of the query size ${featureSize(q)}`, { code: 'shape-mismatch', portIds: ['queue', 'q'] });
    return { loss: scalarType() };
  },
  forward({ tf, inputs, params }) {
    const [q1, q2] = splitViews(tf, inputs.q, 2); // [B, D] each
    const [k1, k2] = splitViews(tf, stopGradient(tf, inputs.k), 2); // [B, D] each, no gradient into the keys
    const queue = stopGradient(tf, inputs.queue); // [K, D]
    const l12 = mocoInfoNce(tf, q1, k2, queue, params.temperature);
    const l21 = mocoInfoNce(tf, q2, k1, queue, params.temperature);
    return { loss: tf.mul(0.5, tf.add(l12, l21)) };
  },
});
