import { l2Normalize } from '../../engine/ops/normalize';
import { stopGradient } from '../../engine/ops/stop-gradient';
import { int } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize, problem } from '../../engine/types';

export const memoryQueue = defineNode({
  type: 'op.memory-queue',
  version: 1,
  label: 'Memory queue',
  category: 'operator',
  doc: 'A first-in first-out store of the last K keys from the momentum encoder. MoCo contrasts each query with all of them, so it sees many more negatives than one batch holds; the keys change slowly because the momentum encoder does.',
  formula: 'queue ← [k_batch; queue][:K]  (enqueue after the loss, no gradient)',
  lecture: 'Joint-embedding methods',
  inputs: [{ id: 'keys', label: 'keys', type: 'vector', accepts: ['vector', 'latent'] }],
  outputs: [{ id: 'queue', label: 'queue', type: 'vector' }],
  params: {
    size: int({ label: 'Queue size', default: 4096, min: 16, max: 65536, doc: 'K, the number of stored negatives; a multiple of the batch keeps whole batches.' }),
  },
  infer: ({ inputs, params }) => {
    const d = featureSize(inputs.keys);
    if (d < 1) return problem('keys must be vectors');
    return { queue: { type: 'vector', shape: [params.size, d] } };
  },
  init(ctx) {
    const d = featureSize(ctx.inputTypes.keys);
    // as in the official code: the queue starts as normalised random vectors
    ctx.state('queue', ctx.tf.tidy(() => l2Normalize(ctx.tf, ctx.tf.randomNormal([ctx.params.size, d], 0, 1, 'float32', 17)))); // [K, D]
  },
  forward(ctx) {
    const { tf } = ctx;
    const queue = ctx.state.queue; // [K, D]
    const keys = ctx.retain(stopGradient(tf, l2Normalize(tf, tf.reshape(ctx.inputs.keys, [ctx.inputs.keys.shape[0], -1])))); // [N, D]
    // enqueue after the loss used the old queue (MoCo: dequeue_and_enqueue after the backward pass)
    ctx.afterStep((set) => {
      const k = Math.min(keys.shape[0], ctx.params.size);
      set('queue', tf.concat([keys.slice(0, k), queue.slice(0, ctx.params.size - k)], 0));
    });
    return { queue: tf.clone(queue) };
  },
});
