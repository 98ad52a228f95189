// The attention and masking nodes (Patchify, Transformer encoder, Mask, Transformer
// predictor) and their losses, through the node harness: shapes, the attention the
// view reads, the exact masking ratio, and the errors a user sees for bad wiring.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertAllClose, vals } from '../../engine/ops/test-helpers';
import type { Tensor } from '../../engine/spec';
import { isProblem, type TensorType } from '../../engine/types';
import { jepa } from '../loss/jepa';
import { maskedPatch } from '../loss/masked-patch';
import { mask } from '../operator/mask';
import { nodeHarness } from '../test-harness';
import { patchify } from './patchify';
import { transformer } from './transformer';
import { transformerPredictor } from './transformer-predictor';

before(async () => {
  await tf.setBackend('cpu');
});

const IMAGE: TensorType = { type: 'image', shape: ['B', 28, 28, 1] };
const TOKENS: TensorType = { type: 'tokens', shape: ['B', 49, 32], grid: [7, 7] };

test('Patchify: 28×28 digits with 4×4 patches are 49 tokens on a 7×7 grid; bad patch sizes say why', () => {
  const out = patchify.infer({ inputs: { in: IMAGE }, params: { patch: 4, dim: 32, position: 'sincos' } });
  assert.deepEqual(out, { out: { type: 'tokens', shape: ['B', 49, 32], views: undefined, grid: [7, 7] } });
  const bad = patchify.infer({ inputs: { in: IMAGE }, params: { patch: 5, dim: 32, position: 'learned' } });
  assert.ok(isProblem(bad) && /does not divide the 28×28/.test(bad.problem));
  const odd = patchify.infer({ inputs: { in: IMAGE }, params: { patch: 4, dim: 30, position: 'sincos' } });
  assert.ok(isProblem(odd) && /divisible by 4/.test(odd.problem));
});

test('Patchify: the same digit patch at two places differs only by the position embedding', () => {
  const h = nodeHarness(tf, patchify, { params: { patch: 14, dim: 8, position: 'sincos' }, inputTypes: { in: IMAGE } });
  // a digit whose four 14×14 quadrants are identical
  const quad = tf.randomUniform([1, 14, 14, 1], 0, 1, 'float32', 3);
  const img = tf.concat([tf.concat([quad, quad], 2), tf.concat([quad, quad], 2)], 1);
  const { out } = h.forward({ in: img });
  assert.deepEqual(out.shape, [1, 4, 8]);
  const diff = tf.sub(tf.slice(out, [0, 1, 0], [1, 1, 8]), tf.slice(out, [0, 0, 0], [1, 1, 8]));
  const posDiff = tf.sub(tf.slice(h.state.pos, [1, 0], [1, 8]), tf.slice(h.state.pos, [0, 0], [1, 8]));
  assertAllClose(vals(diff), vals(posDiff), 1e-5);
  tf.dispose([quad, img, diff, posDiff]);
  h.dispose();
});

for (const pool of ['cls', 'mean'] as const) {
  test(`Transformer encoder (${pool}): [B, D] out; per-head attention maps per block whose rows sum to 1`, () => {
    const h = nodeHarness(tf, transformer, { params: { width: 32, depth: 2, heads: 4, pool }, inputTypes: { in: TOKENS } });
    const x = tf.randomNormal([3, 49, 32], 0, 1, 'float32', 1);
    let maps: Tensor | null = null;
    const { out } = h.forward({ in: x }, { training: false, probe: (name, v) => name === 'attention' && (maps = tf.keep(v)) });
    assert.deepEqual(out.shape, [3, 32]);
    assert.ok(maps, 'attention reported');
    const m = maps as Tensor;
    assert.deepEqual(m.shape, [3, 2, 4, 49], '[B, depth, heads, T]');
    const sums = vals(tf.sum(m, -1));
    // mean over queries of rows that sum to 1 sums to 1; the CLS row gives part of its weight to itself
    if (pool === 'mean') assertAllClose(sums, new Array(24).fill(1), 1e-5, 'row sums');
    else assert.ok(sums.every((s) => s > 0 && s < 1), 'CLS attention to the patches is a share of 1');
    tf.dispose([x, m]);
    h.dispose();
  });
}

test('Transformer encoder: mean pooling without positions ignores token order; none keeps every token', () => {
  const h = nodeHarness(tf, transformer, { params: { width: 32, depth: 1, heads: 2, pool: 'mean' }, inputTypes: { in: TOKENS } });
  const x = tf.randomNormal([1, 49, 32], 0, 1, 'float32', 2);
  const rev = tf.reverse(x, 1);
  assertAllClose(vals(h.forward({ in: x }).out), vals(h.forward({ in: rev }).out), 1e-4);
  h.dispose();
  const seq = transformer.infer({ inputs: { in: TOKENS }, params: { width: 32, depth: 1, heads: 2, mlpRatio: 2, pool: 'none', readout: 'mean' } });
  assert.deepEqual(seq, { out: { type: 'tokens', shape: ['B', 49, 32], views: undefined, grid: [7, 7] } });
  const bad = transformer.infer({ inputs: { in: TOKENS }, params: { width: 30, depth: 1, heads: 4, mlpRatio: 2, pool: 'cls', readout: 'mean' } });
  assert.ok(isProblem(bad) && /4 heads do not divide the width 30/.test(bad.problem));
  tf.dispose([x, rev]);
});

test('Mask: random masking hides exactly round(0.75·49) = 37 patches per image and passes on the other 12', () => {
  const h = nodeHarness(tf, mask, { params: { mode: 'random', ratio: 0.75 }, inputTypes: { in: TOKENS } });
  assert.deepEqual(h.outputTypes.kept.shape, ['B', 12, 32]);
  const x = tf.randomNormal([8, 49, 32], 0, 1, 'float32', 4);
  const { kept, mask: m } = h.forward({ in: x });
  assert.deepEqual(m.shape, [8, 7, 7]);
  assert.deepEqual(vals(tf.sum(tf.reshape(m, [8, 49]), 1)), new Array(8).fill(37));
  // the kept tokens are the input's tokens at the visible positions, in patch order
  const mv = vals(m);
  const xv = vals(x);
  const expected: number[] = [];
  for (let b = 0; b < 8; b++) for (let t = 0; t < 49; t++) if (mv[b * 49 + t] === 0) expected.push(...xv.slice((b * 49 + t) * 32, (b * 49 + t + 1) * 32));
  assertAllClose(vals(kept), expected, 1e-6);
  // a fresh draw each step
  const again = h.forward({ in: x }).mask;
  assert.notDeepEqual(vals(again), mv);
  tf.dispose(x);
  h.dispose();
});

test('Mask: block masking hides blocks·h·w patches; blocks that cannot fit are refused with the reason', () => {
  const p = { mode: 'block' as const, ratio: 0.75, blocks: 3, blockH: 2, blockW: 3 };
  const h = nodeHarness(tf, mask, { params: p, inputTypes: { in: TOKENS } });
  assert.deepEqual(h.outputTypes.kept.shape, ['B', 49 - 18, 32]);
  const x = tf.randomNormal([5, 49, 32], 0, 1, 'float32', 5);
  assert.deepEqual(vals(tf.sum(tf.reshape(h.forward({ in: x }).mask, [5, 49]), 1)), new Array(5).fill(18));
  tf.dispose(x);
  h.dispose();
  const bad = mask.infer({ inputs: { in: TOKENS }, params: { ...p, blocks: 4, blockH: 4, blockW: 4 } });
  assert.ok(isProblem(bad) && /do not fit/.test(bad.problem));
  const noGrid = mask.infer({ inputs: { in: { type: 'tokens', shape: ['B', 12, 32] } }, params: p });
  assert.ok(isProblem(noGrid) && /from Patchify/.test(noGrid.problem));
});

test('Transformer predictor: one prediction per hidden patch, of the context width or the requested size', () => {
  const maskT: TensorType = { type: 'mask', shape: ['B', 7, 7] };
  const ctxT: TensorType = { type: 'tokens', shape: ['B', 12, 32] };
  const r = transformerPredictor.infer({ inputs: { context: ctxT, mask: maskT }, params: { width: 16, depth: 1, heads: 2, mlpRatio: 2, out: 0 } });
  assert.deepEqual(r, { out: { type: 'tokens', shape: ['B', 37, 32], views: undefined } });
  const h = nodeHarness(tf, transformerPredictor, { params: { width: 16, depth: 1, heads: 2, out: 16 }, inputTypes: { context: ctxT, mask: maskT } });
  const mh = nodeHarness(tf, mask, { params: { ratio: 0.75 }, inputTypes: { in: TOKENS } });
  const x = tf.randomNormal([2, 49, 32], 0, 1, 'float32', 6);
  const m = mh.forward({ in: x });
  const { out } = h.forward({ context: m.kept, mask: m.mask });
  assert.deepEqual(out.shape, [2, 37, 16]);
  tf.dispose(x);
  h.dispose();
  mh.dispose();
});

test('the losses refuse mismatched wiring with a message on the port', () => {
  const maskT: TensorType = { type: 'mask', shape: ['B', 4, 4] };
  const bad = maskedPatch.infer({ inputs: { prediction: { type: 'tokens', shape: ['B', 12, 32] }, target: IMAGE, mask: maskT }, params: { normPix: false, weight: 1 } });
  assert.ok(isProblem(bad) && /7×7 patches of 1 channel\(s\) need 49/.test(bad.problem));
  const partial = jepa.infer({ inputs: { prediction: { type: 'tokens', shape: ['B', 4, 32] }, target: { type: 'tokens', shape: ['B', 12, 32] }, mask: maskT }, params: { normalize: true, distance: 'mse', weight: 1 } });
  assert.ok(isProblem(partial) && /whole image/.test(partial.problem));
});
