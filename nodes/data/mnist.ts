import { choice, int } from '../../engine/params';
import { gatherImageRows } from '../../engine/data/rows';
import { defineNode } from '../../engine/spec';

export const mnist = defineNode({
  type: 'data.mnist',
  version: 1,
  label: 'MNIST',
  category: 'data',
  doc: '10,000 real handwritten digits (28×28, grey), split 8,000 for training and 2,000 held out for evaluation. Each step draws a seeded random batch from the training split; the labels are never seen by self-supervised losses, only by the evaluation.',
  inputs: [],
  outputs: [
    { id: 'image', label: 'image', type: 'image', doc: 'A batch of digits [B, 28, 28, 1].' },
    { id: 'labels', label: 'labels', type: 'labels', doc: 'The digit classes, for evaluation and colouring plots.' },
  ],
  params: {
    batchSize: int({ label: 'Batch size', default: 256, min: 2, max: 2048, doc: 'Digits per training step; contrastive methods see 2·B−2 negatives per anchor.' }),
    range: choice({ label: 'Pixel range', options: ['0..1', '-1..1'] as const, default: '0..1', doc: '0..1 suits a sigmoid decoder with BCE; -1..1 suits tanh with MSE.' }),
  },
  data: { dataset: () => 'mnist', batchSize: (p) => p.batchSize },
  infer: () => ({
    image: { type: 'image', shape: ['B', 28, 28, 1] },
    labels: { type: 'labels', shape: ['B'] },
  }),
  forward(ctx) {
    const { tf, params } = ctx;
    const ds = ctx.dataset('mnist');
    const split = ds[ctx.batch.split];
    const [h, w, c] = ds.sampleShape;
    const idx = ctx.batch.indices;
    const { pixels, labels } = gatherImageRows(split, h * w * c, idx, params.range);
    return {
      image: tf.tensor4d(pixels, [idx.length, h, w, c]), // [B, 28, 28, 1]
      labels: tf.tensor1d(labels, 'int32'), // [B]
    };
  },
});
