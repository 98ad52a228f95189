// The reference for `npm run bench:step`: each preset's training step written by
// hand in plain tfjs, as an informed tfjs user would (one variableGrads, tfjs's
// own Adam, the same dense / loss / augmentation functions the nodes use). The
// studio's compiled step should cost no more than this.
import * as tf from '@tensorflow/tfjs';
import { gatherImageRows } from '../../engine/data/rows';
import { randomAffine } from '../../engine/ops/augment/random-affine';
import { randomResizedCrop } from '../../engine/ops/augment/random-resized-crop';
import { byolSymmetric } from '../../engine/ops/byol';
import { byolMomentum } from '../../engine/ops/ema';
import { dense } from '../../engine/ops/dense';
import { ntXent } from '../../engine/ops/info-nce';
import { vicregLoss } from '../../engine/ops/vicreg';
import { BatchSampler, mulberry32 } from '../../engine/rng';
import type { Dataset } from '../../engine/spec';

export type HandPreset = 'ae' | 'simclr' | 'vicreg' | 'byol';
type Vars = Record<string, tf.Variable>;

interface Layer {
  w: string;
  b: string;
  bn: boolean;
}

function mlp(vars: Vars, name: string, dims: number[], bn: boolean, rand: () => number): Layer[] {
  // tidy frees the initial values (a variable keeps its own copy)
  return tf.tidy(() => dims.slice(1).map((o, l) => {
    const i = dims[l];
    const std = Math.sqrt(2 / i);
    const w = `${name}.w${l}`;
    vars[w] = tf.variable(tf.tensor2d(Float32Array.from({ length: i * o }, () => (rand() * 2 - 1) * std * 1.7), [i, o]));
    vars[`${name}.b${l}`] = tf.variable(tf.zeros([o]));
    const hidden = l < dims.length - 2;
    if (bn && hidden) {
      vars[`${name}.g${l}`] = tf.variable(tf.ones([o]));
      vars[`${name}.be${l}`] = tf.variable(tf.zeros([o]));
    }
    return { w, b: `${name}.b${l}`, bn: bn && hidden };
  }));
}

/** Running statistics of the batch norms, updated after each step as the studio does. */
type Running = Map<string, { mean: tf.Tensor; variance: tf.Tensor }>;

function applyMlp(vars: Vars, layers: Layer[], x: tf.Tensor2D, out: 'linear' | 'tanh', views: number, running: Running | null): tf.Tensor2D {
  let h = x;
  layers.forEach((L, l) => {
    h = dense(tf, h, vars[L.w], vars[L.b]) as tf.Tensor2D;
    const last = l === layers.length - 1;
    if (L.bn) {
      const [rows, d] = h.shape;
      const hv = tf.reshape(h, [views, rows / views, d]); // [V, B, D]
      const { mean, variance } = tf.moments(hv, 1, true); // [V, 1, D]
      h = tf.reshape(tf.add(tf.mul(tf.div(tf.sub(hv, mean), tf.sqrt(tf.add(variance, 1e-5))), vars[L.w.replace('.w', '.g')]), vars[L.w.replace('.w', '.be')]), [rows, d]);
      if (running) running.set(L.w, { mean: tf.keep(tf.mean(tf.reshape(mean, [views, d]), 0)), variance: tf.keep(tf.mean(tf.reshape(variance, [views, d]), 0)) });
    }
    if (!last) h = tf.relu(h);
    else if (out === 'tanh') h = tf.tanh(h);
  });
  return h;
}

export interface HandStep {
  step(i: number, total: number): void;
  dispose(): void;
}

export function handStep(preset: HandPreset, ds: Dataset, augment: boolean, seed = 1): HandStep {
  const rand = mulberry32(seed);
  const vars: Vars = {};
  const bs = 256;
  const views = preset === 'ae' ? 1 : 2;
  const enc = mlp(vars, 'enc', [784, 512, 128], false, rand);
  const dec = preset === 'ae' ? mlp(vars, 'dec', [128, 512, 784], false, rand) : [];
  const proj = preset === 'ae' ? [] : mlp(vars, 'proj', [128, 256, 64], true, rand);
  const pred = preset === 'byol' ? mlp(vars, 'pred', [64, 256, 64], true, rand) : [];
  const target: Record<string, tf.Tensor> = {};
  if (preset === 'byol') for (const [k, v] of Object.entries(vars)) if (k.startsWith('enc') || k.startsWith('proj')) target[k] = tf.clone(v);
  const runMean = new Map<string, tf.Tensor>();
  const runVar = new Map<string, tf.Tensor>();
  for (const L of [...proj, ...pred]) if (L.bn) {
    const d = vars[L.b].shape[0];
    runMean.set(L.w, tf.zeros([d]));
    runVar.set(L.w, tf.ones([d]));
  }
  const opt = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  const sampler = new BatchSampler(ds.train.count, seed);
  const range = preset === 'ae' ? '-1..1' : '0..1';

  const step = (i: number, total: number) => {
    const idx = sampler.next(bs);
    const { pixels } = gatherImageRows(ds.train, 784, idx, range);
    const running: Running = new Map();
    tf.tidy(() => {
      const x = tf.tensor4d(pixels, [bs, 28, 28, 1]); // [B, 28, 28, 1]
      // concat, not tile: tfjs-backend-wasm's Tile is ~100 ms here (docs/backends.md)
      let v: tf.Tensor = views > 1 ? tf.concat([x, x], 0) : x; // [V·B, 28, 28, 1]
      if (augment && views > 1) {
        v = randomResizedCrop(tf, v, rand, { scale: [0.8, 1], ratio: [0.75, 4 / 3], p: 1 });
        v = randomAffine(tf, v, rand, { degrees: 15, translate: 0.1, scale: [0.9, 1.1], p: 1 });
      }
      const flat = tf.reshape(v, [views * bs, 784]) as tf.Tensor2D; // [V·B, 784]
      // the target network's outputs carry no gradient: computed outside the tape
      const tz = preset === 'byol' ? applyMlp(target as Vars, proj, applyMlp(target as Vars, enc, flat, 'linear', views, null), 'linear', views, null) : null; // [2B, 64]
      const { grads } = tf.variableGrads(() => {
        const h = applyMlp(vars, enc, flat, 'linear', views, null); // [V·B, 128]
        if (preset === 'ae') return tf.mean(tf.square(tf.sub(applyMlp(vars, dec, h, 'tanh', 1, null), flat))) as tf.Scalar;
        const z = applyMlp(vars, proj, h, 'linear', views, running); // [2B, 64]
        const [z1, z2] = tf.split(z, 2, 0); // [B, 64] each
        if (preset === 'simclr') return ntXent(tf, z1, z2, 0.5) as tf.Scalar;
        if (preset === 'vicreg') return vicregLoss(tf, z1, z2).loss as tf.Scalar;
        const [p1, p2] = tf.split(applyMlp(vars, pred, z, 'linear', views, running), 2, 0); // [B, 64] each
        const [t1, t2] = tf.split(tz!, 2, 0);
        return byolSymmetric(tf, p1, t2, p2, t1) as tf.Scalar;
      });
      opt.applyGradients(grads as never);
    });
    tf.tidy(() => {
      for (const [k, r] of running) {
        const m = runMean.get(k)!;
        const s = runVar.get(k)!;
        runMean.set(k, tf.keep(tf.add(tf.mul(m, 0.9), tf.mul(r.mean, 0.1))));
        runVar.set(k, tf.keep(tf.add(tf.mul(s, 0.9), tf.mul(r.variance, 0.1 * 256 / 255))));
        m.dispose();
        s.dispose();
        r.mean.dispose();
        r.variance.dispose();
      }
      if (preset === 'byol') {
        const m = byolMomentum(0.99, i, total);
        for (const k of Object.keys(target)) {
          const old = target[k];
          target[k] = tf.keep(tf.add(tf.mul(old, m), tf.mul(vars[k], 1 - m)));
          old.dispose();
        }
      }
    });
  };
  return {
    step,
    dispose: () => {
      opt.dispose();
      tf.dispose([...Object.values(vars), ...Object.values(target), ...runMean.values(), ...runVar.values()]);
    },
  };
}
