// The new data, Views and augmentation nodes together, as a graph would chain
// them: data -> Views -> augmentations. Views stacks the batch view-major, the
// augmentations keep the type (views included), and each view gets its own draw.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { makeShapes } from '../../engine/data/shapes';
import { makeToy2d } from '../../engine/data/toy2d';
import type { ParamDefs } from '../../engine/params';
import type { NodeSpec, Tensor } from '../../engine/spec';
import { isProblem, type TensorType } from '../../engine/types';
import { shapes } from '../data/shapes';
import { toy2d } from '../data/toy2d';
import { views } from '../operator/views';
import { nodeHarness } from '../test-harness';
import { colorJitter } from './colour-jitter';
import { cutout } from './cutout';
import { gaussianBlur } from './gaussian-blur';
import { horizontalFlip } from './horizontal-flip';
import { randomAffine } from './random-affine';
import { randomResizedCrop } from './random-resized-crop';
import { saltAndPepper } from './salt-and-pepper';

before(async () => {
  await tf.setBackend('cpu');
});

const AUGMENT_NODES = [randomResizedCrop, horizontalFlip, randomAffine, saltAndPepper, cutout, colorJitter, gaussianBlur] as unknown as NodeSpec<ParamDefs>[];
const image: TensorType = { type: 'image', shape: ['B', 28, 28, 1] };
const spec = <T>(s: T) => s as unknown as NodeSpec<ParamDefs>;

test('Views: stacks count copies view-major and marks the type; refuses stacked input', () => {
  const out = views.infer({ inputs: { in: image }, params: { count: 3 } });
  assert.deepEqual(out, { views: { type: 'image', shape: ['B', 28, 28, 1], views: 3 } });
  const vec = views.infer({ inputs: { in: { type: 'vector', shape: ['B', 2] } }, params: { count: 2 } });
  assert.deepEqual(vec, { views: { type: 'vector', shape: ['B', 2], views: 2 } });
  const again = views.infer({ inputs: { in: { ...image, views: 2 } }, params: { count: 2 } });
  assert.ok(isProblem(again) && /already holds 2/.test(again.problem));

  const h = nodeHarness(tf, spec(views), { params: { count: 3 }, inputTypes: { in: image } });
  const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 1);
  const y = h.forward({ in: x }).views; // [3·4, 28, 28, 1]
  assert.deepEqual(y.shape, [12, 28, 28, 1]);
  for (let v = 0; v < 3; v++) assert.deepEqual(Array.from(y.slice(v * 4, 4).dataSync()), Array.from(x.dataSync()), `view ${v + 1}`);
  h.dispose();
  x.dispose();
});

test('augmentation nodes keep the stacked type and give each view its own draw', () => {
  const stacked: TensorType = { ...image, views: 2 };
  const one = tf.tidy(() => tf.pad(tf.ones([1, 12, 8, 1]), [[0, 0], [6, 10], [12, 8], [0, 0]])); // an off-centre bar [1, 28, 28, 1]
  const x = tf.tile(one, [2, 1, 1, 1]); // two views of one image
  for (const s of AUGMENT_NODES) {
    const out = s.infer({ inputs: { in: stacked }, params: { ...withPOne(s) } as never });
    assert.ok(!isProblem(out), s.type);
    assert.deepEqual(out, { out: stacked }, `${s.type} keeps views`);
    assert.ok(isProblem(s.infer({ inputs: { in: { type: 'image', shape: ['B', 784] } }, params: withPOne(s) as never })), `${s.type} refuses a flat input`);
    const h = nodeHarness(tf, s, { params: withPOne(s), inputTypes: { in: stacked } });
    const y = h.forward({ in: x }).out as Tensor;
    const differ = tf.tidy(() => tf.max(tf.abs(tf.sub(y.slice(0, 1), y.slice(1, 1)))).dataSync()[0]);
    // a flip with p = 1 mirrors both views alike; every other augmentation draws per row
    if (s.type !== 'augment.horizontal-flip') assert.ok(differ > 1e-3, `${s.type}: the two views are identical`);
    h.dispose();
  }
  tf.dispose([one, x]);
});

/** Default params with the probability at 1, so every row is augmented. */
function withPOne(s: NodeSpec<ParamDefs>): Record<string, unknown> {
  return 'p' in s.params ? { p: 1 } : {};
}

test('Toy 2-D node: batches are the dataset rows it was asked for', () => {
  const ds = makeToy2d({ kind: 'spirals', samples: 500, noise: 0.05 }, 3);
  const h = nodeHarness(tf, spec(toy2d), { params: { dataset: 'spirals', samples: 500, noise: 0.05 }, dataset: ds });
  const out = h.forward({}, { training: true });
  assert.deepEqual(out.points.shape, [4, 2]);
  assert.deepEqual(Array.from(out.points.dataSync()), Array.from(ds.train.values!.subarray(0, 8)));
  assert.deepEqual(Array.from(out.labels.dataSync()), Array.from(ds.train.labels.subarray(0, 4)));
  h.dispose();
});

test('Shapes node: pixel range, labels and factors of the requested rows', () => {
  const ds = makeShapes({ count: 200 }, 4);
  const h = nodeHarness(tf, spec(shapes), { params: { count: 200, range: '-1..1' }, dataset: ds });
  const out = h.forward({}, { training: false }); // test split
  assert.deepEqual(out.image.shape, [4, 28, 28, 1]);
  const px = out.image.dataSync();
  assert.equal(px[0], -1); // background of a -1..1 image
  assert.ok(Math.max(...px) === 1);
  assert.deepEqual(Array.from(out.labels.dataSync()), Array.from(ds.test.labels.subarray(0, 4)));
  assert.deepEqual(Array.from(out.factors.dataSync()), Array.from(ds.test.factors!.subarray(0, 16)));
  h.dispose();
});
