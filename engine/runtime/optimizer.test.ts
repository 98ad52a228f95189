// The fused optimizer against torch.optim (fixture from scripts/gen_fixtures.py),
// on cpu and wasm, and the trainer-level facts that depend on it.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertAllClose } from '../ops/test-helpers';
import { fusedOptimizer } from './optimizer';

interface Arr {
  shape: number[];
  data: number[];
}
const fx = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'optimizers.json'), 'utf8')) as {
  init: Record<string, Arr>;
  grads: Array<Record<string, Arr>>;
  sgdMissing: Record<string, number[]>;
  after: Record<'adam' | 'sgd', Array<Record<string, Arr>>>;
};

function replay(kind: 'adam' | 'sgd') {
  const vars = Object.entries(fx.init).map(([k, a]) => tf.variable(tf.tensor(a.data, a.shape), true, `${k}-${kind}-${tf.getBackend()}`));
  const name = (k: string) => `${k}-${kind}-${tf.getBackend()}`;
  const opt = fusedOptimizer(vars, kind === 'adam' ? { kind, learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } : { kind, learningRate: 0.05, beta1: 0.9, momentum: 0.9 });
  const before = tf.memory().numTensors;
  fx.grads.forEach((gs, i) => {
    const grads: tf.NamedTensorMap = {};
    for (const [k, a] of Object.entries(gs)) if (!(kind === 'sgd' && fx.sgdMissing[k]?.includes(i))) grads[name(k)] = tf.tensor(a.data, a.shape);
    opt.apply(grads);
    tf.dispose(Object.values(grads));
    for (const [k, a] of Object.entries(fx.after[kind][i])) {
      const v = vars.find((x) => x.name === name(k))!;
      // float32 here against torch's float64: 1e-5 of the value
      assertAllClose(v.dataSync(), a.data, 1e-5, `${kind} step ${i + 1} ${k}`);
    }
  });
  // the moments are created on the first step and replaced, never accumulated
  if (tf.memory().numTensors > before + 2) throw new Error(`${tf.memory().numTensors - before} tensors left over`);
  opt.dispose();
  tf.dispose(vars);
}

for (const backend of ['cpu', 'wasm']) {
  test(`fused Adam matches torch.optim.Adam over 6 steps (${backend})`, async () => {
    await tf.setBackend(backend);
    replay('adam');
  });
  test(`fused SGD with momentum matches torch.optim.SGD, a gradient-less variable left alone (${backend})`, async () => {
    await tf.setBackend(backend);
    replay('sgd');
  });
}
