import { makeShapes, shapesName } from '../../engine/data/shapes';
import { choice, int } from '../../engine/params';
import { gatherImageRows } from '../../engine/data/rows';
import { defineNode } from '../../engine/spec';

export const shapes = defineNode({
  type: 'data.shapes',
  version: 1,
  label: 'Shapes',
  category: 'data',
  doc: 'Squares, ellipses, triangles and hearts (28×28, grey) drawn from the graph seed at random position, scale and rotation, split 80/20. Because the generative factors are known, you can check which ones a representation keeps: a good one separates the shape class while the augmentations teach it to ignore the nuisance factors.',
  inputs: [],
  outputs: [
    { id: 'image', label: 'image', type: 'image', doc: 'A batch of drawn shapes [B, 28, 28, 1].' },
    { id: 'labels', label: 'labels', type: 'labels', doc: 'The shape class (square, ellipse, triangle, heart), for evaluation and colouring plots.' },
    { id: 'factors', label: 'factors', type: 'vector', doc: 'The generative factors [B, 4]: x, y, scale and rotation, each scaled to 0..1.' },
  ],
  params: {
    count: int({ label: 'Images', default: 6000, min: 100, max: 60000, doc: 'Shapes drawn in all; 80% train, 20% held out.' }),
    batchSize: int({ label: 'Batch size', default: 256, min: 2, max: 2048, doc: 'Images per training step.' }),
    range: choice({ label: 'Pixel range', options: ['0..1', '-1..1'] as const, default: '0..1', doc: '0..1 suits a sigmoid decoder with BCE; -1..1 suits tanh with MSE.' }),
  },
  data: {
    dataset: (p) => shapesName(p.count),
    batchSize: (p) => p.batchSize,
    generate: (p, seed) => makeShapes({ count: p.count }, seed),
  },
  infer: () => ({
    image: { type: 'image', shape: ['B', 28, 28, 1] },
    labels: { type: 'labels', shape: ['B'] },
    factors: { type: 'vector', shape: ['B', 4] },
  }),
  forward(ctx) {
    const { tf, params } = ctx;
    const ds = ctx.dataset(shapesName(params.count));
    const split = ds[ctx.batch.split];
    if (!split.pixels || !split.factors) throw new Error(`dataset "${ds.name}" holds no drawn shapes with factors`);
    const [h, w, c] = ds.sampleShape;
    const k = split.factors.length / split.count;
    const idx = ctx.batch.indices;
    const { pixels, labels } = gatherImageRows(split, h * w * c, idx, params.range);
    const factors = new Float32Array(idx.length * k);
    for (let r = 0; r < idx.length; r++) factors.set(split.factors.subarray(idx[r] * k, (idx[r] + 1) * k), r * k);
    return {
      image: tf.tensor4d(pixels, [idx.length, h, w, c]), // [B, 28, 28, 1]
      labels: tf.tensor1d(labels, 'int32'), // [B]
      factors: tf.tensor2d(factors, [idx.length, k]), // [B, 4]
    };
  },
});
