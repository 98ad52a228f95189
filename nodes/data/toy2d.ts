import { makeToy2d, TOY2D_KINDS, toy2dName } from '../../engine/data/toy2d';
import { choice, int, num } from '../../engine/params';
import { defineNode } from '../../engine/spec';

export const toy2d = defineNode({
  type: 'data.toy2d',
  version: 1,
  label: 'Toy 2-D',
  category: 'data',
  doc: 'Points in the plane (two moons, circles, spirals, blobs, a swiss roll, or an ellipse generated from a latent angle), drawn from the graph seed and split 80/20 into training and held-out points. In two dimensions the whole input space can be drawn, so an energy-based model’s learned energy landscape, a GMM’s components or K-means’ cells can be seen directly against the data.',
  inputs: [],
  outputs: [
    { id: 'points', label: 'points', type: 'vector', doc: 'A batch of points [B, 2], roughly within [-1.5, 1.5].' },
    { id: 'labels', label: 'labels', type: 'labels', doc: 'Which moon, circle, spiral arm, blob, stretch of the roll or quarter of the ellipse a point came from; for evaluation and colouring plots only.' },
  ],
  params: {
    dataset: choice({ label: 'Dataset', options: TOY2D_KINDS, default: 'moons', doc: 'The shape of the data: 2 moons, 2 circles, 2 spiral arms, 4 blobs, a swiss roll cut into 4 stretches, or an ellipse (a cos z, b sin z) whose 4 classes are the quarter turns of its latent angle z.' }),
    samples: int({ label: 'Samples', default: 2000, min: 100, max: 50000, doc: 'Points drawn in all; 80% train, 20% held out.' }),
    noise: num({ label: 'Noise', default: 0.08, min: 0, max: 0.5, step: 0.01, doc: 'Std of the Gaussian jitter added to each point (blobs also have a spread of 0.2 of their own).' }),
    batchSize: int({ label: 'Batch size', default: 128, min: 2, max: 4096, doc: 'Points per training step.' }),
  },
  data: {
    dataset: (p) => toy2dName({ kind: p.dataset, samples: p.samples, noise: p.noise }),
    batchSize: (p) => p.batchSize,
    generate: (p, seed) => makeToy2d({ kind: p.dataset, samples: p.samples, noise: p.noise }, seed),
  },
  infer: () => ({
    points: { type: 'vector', shape: ['B', 2] },
    labels: { type: 'labels', shape: ['B'] },
  }),
  forward(ctx) {
    const { tf, params } = ctx;
    const ds = ctx.dataset(toy2dName({ kind: params.dataset, samples: params.samples, noise: params.noise }));
    const split = ds[ctx.batch.split];
    if (!split.values || ds.sampleShape[0] !== 2) throw new Error(`dataset "${ds.name}" holds no 2-D points`);
    const idx = ctx.batch.indices;
    if (ctx.batch.points) {
      // the energy-landscape grid: arbitrary coordinates, no labels
      const rows = ctx.batch.points.length / 2;
      return { points: tf.tensor2d(ctx.batch.points, [rows, 2]), labels: tf.zeros([rows], 'int32') };
    }
    const points = new Float32Array(idx.length * 2);
    const labels = new Int32Array(idx.length);
    for (let r = 0; r < idx.length; r++) {
      points[2 * r] = split.values[2 * idx[r]];
      points[2 * r + 1] = split.values[2 * idx[r] + 1];
      labels[r] = split.labels[idx[r]];
    }
    return {
      points: tf.tensor2d(points, [idx.length, 2]), // [B, 2]
      labels: tf.tensor1d(labels, 'int32'), // [B]
    };
  },
});
