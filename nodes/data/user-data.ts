import { gatherImageRows } from '../../engine/data/rows';
import { prepareUserDataset, userDatasetName, type Preparation } from '../../engine/data/user-dataset';
import { choice, dataset, int, type DatasetRef } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { problem } from '../../engine/types';

interface Params {
  dataset: DatasetRef | null;
  size: '28' | '32' | '64';
  color: 'as imported' | 'grayscale' | 'rgb';
}

function preparation(p: Params): Preparation {
  const imported = p.dataset?.shape[2] === 3 ? 3 : 1;
  return { size: Number(p.size), channels: p.color === 'grayscale' ? 1 : p.color === 'rgb' ? 3 : imported };
}

const nameOf = (p: Params) => (p.dataset ? userDatasetName(p.dataset.id, preparation(p), p.dataset.kind) : 'user:none');

export const userData = defineNode({
  type: 'data.user',
  version: 1,
  label: 'Your data',
  category: 'data',
  doc: 'A dataset you imported (Data panel, or drop a file on the canvas): a zip or folder of images in class folders or flat, a MedMNIST-style .npz, or a CSV of vectors. Its own train/test split is kept, else it is split 80/20 per class from the graph seed. Images are resized and normalised like MNIST; labels are optional and only ever used for evaluation.',
  inputs: [],
  outputs: [
    { id: 'x', label: 'samples', type: 'image', doc: 'A batch of images [B, S, S, C] (C = 1 grey, 3 colour), or of vectors [B, F] for a CSV set.' },
    { id: 'labels', label: 'labels', type: 'labels', doc: 'The classes, for evaluation and colouring plots (all 0 for an unlabelled set).' },
  ],
  params: {
    dataset: dataset({ label: 'Dataset', doc: 'One of the datasets imported on this device. The graph stores its name and content hash, not the data: whoever opens the graph needs the same file.' }),
    size: choice({ label: 'Image size', options: ['28', '32', '64'] as const, default: '28', doc: 'Images are resized to S×S (larger is slower; CNN decoders need a size divisible by 2^layers).' }),
    color: choice({ label: 'Colour', options: ['as imported', 'grayscale', 'rgb'] as const, default: 'as imported', doc: 'Grey (1 channel) or RGB (3 channels); colour jitter only changes hue and saturation on RGB.' }),
    batchSize: int({ label: 'Batch size', default: 128, min: 2, max: 2048, doc: 'Samples per training step.' }),
    range: choice({ label: 'Pixel range', options: ['0..1', '-1..1'] as const, default: '0..1', doc: 'Images only: 0..1 suits a sigmoid decoder with BCE; -1..1 suits tanh with MSE.' }),
  },
  example: { inputs: {}, params: { dataset: { id: 'e'.repeat(64), name: 'example', kind: 'image', shape: [30, 30, 3], classes: 3 }, size: '32' } },
  data: {
    dataset: nameOf,
    batchSize: (p) => p.batchSize,
    stored: (p) => (p.dataset ? { id: p.dataset.id, name: p.dataset.name, prepare: (set, seed) => prepareUserDataset(set, nameOf(p), preparation(p), seed) } : null),
  },
  infer: ({ params: p }) => {
    const ref = p.dataset;
    if (!ref) return problem('choose an imported dataset in the inspector, or import one (Data panel)', { code: 'no-dataset' });
    const labels = { type: 'labels' as const, shape: ['B' as const] };
    if (ref.kind === 'vector') return { x: { type: 'vector', shape: ['B', ref.shape[0]] }, labels };
    const { size, channels } = preparation(p);
    return { x: { type: 'image', shape: ['B', size, size, channels] }, labels };
  },
  forward(ctx) {
    const { tf, params } = ctx;
    const ds = ctx.dataset(nameOf(params));
    const split = ds[ctx.batch.split];
    const idx = ctx.batch.indices;
    if (ds.kind === 'points') {
      const f = ds.sampleShape[0];
      if (ctx.batch.points) {
        // the energy-landscape grid (2-D sets): arbitrary coordinates, no labels
        const rows = ctx.batch.points.length / f;
        return { x: tf.tensor2d(ctx.batch.points, [rows, f]), labels: tf.zeros([rows], 'int32') };
      }
      const values = new Float32Array(idx.length * f);
      const labels = new Int32Array(idx.length);
      for (let r = 0; r < idx.length; r++) {
        values.set(split.values!.subarray(idx[r] * f, (idx[r] + 1) * f), r * f);
        labels[r] = split.labels[idx[r]];
      }
      return { x: tf.tensor2d(values, [idx.length, f]), labels: tf.tensor1d(labels, 'int32') }; // [B, F], [B]
    }
    const [h, w, c] = ds.sampleShape;
    const { pixels, labels } = gatherImageRows(split, h * w * c, idx, params.range);
    return {
      x: tf.tensor4d(pixels, [idx.length, h, w, c]), // [B, S, S, C]
      labels: tf.tensor1d(labels, 'int32'), // [B]
    };
  },
});
