import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { encoder } from '../../nodes/network/encoder';
import { decoder } from '../../nodes/network/decoder';
import { projector } from '../../nodes/network/projector';
import { nodeHarness } from '../../nodes/test-harness';
import { migrateParams } from '../validate';
import { initTensor } from './init';

await tf.setBackend('cpu');

test("fan-in init: U(±1/√fan_in) like nn.Linear's default, for weights and biases", () => {
  const w = initTensor(tf, 'fan-in', [400, 300], 3); // [in, out]
  const b = initTensor(tf, 'fan-in', [300], 4, 400);
  const bound = 1 / Math.sqrt(400);
  for (const t of [w, b]) {
    const v = Array.from(t.dataSync());
    const max = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    assert.ok(max <= bound && max > 0.9 * bound, `max |x| ${max} vs bound ${bound}`);
    const std = Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
    assert.ok(Math.abs(std - bound / Math.sqrt(3)) < 0.05 * bound, `std ${std}`); // uniform: bound/√3
  }
  tf.dispose([w, b]);
});

test("MLP nodes: 'pytorch' init has non-zero biases bounded by 1/√fan_in, 'he-glorot' zero biases and larger weights", () => {
  const torchInit = nodeHarness(tf, encoder, { params: { hidden: [512], latent: 128, init: 'pytorch' } });
  const heInit = nodeHarness(tf, encoder, { params: { hidden: [512], latent: 128, init: 'he-glorot' } });
  const absMax = (t: tf.Tensor) => tf.max(tf.abs(t)).dataSync()[0];
  assert.ok(absMax(torchInit.vars.b0) > 0 && absMax(torchInit.vars.b0) <= 1 / Math.sqrt(784));
  assert.ok(absMax(torchInit.vars.b1) <= 1 / Math.sqrt(512));
  assert.equal(absMax(heInit.vars.b0), 0);
  // He uniform's bound √(6/fan_in) is √6 times PyTorch's
  assert.ok(absMax(heInit.vars.w0) > 2 * absMax(torchInit.vars.w0));
  torchInit.dispose();
  heInit.dispose();
});

test("graphs saved before the init param keep the he-glorot init; new nodes default to 'pytorch'", () => {
  for (const spec of [encoder, decoder, projector]) {
    const old = migrateParams(spec, { id: 'n', type: spec.type, typeVersion: 1, params: { hidden: [64] }, position: { x: 0, y: 0 } });
    assert.equal(old.init, 'he-glorot', spec.type);
    const current = migrateParams(spec, { id: 'n', type: spec.type, typeVersion: spec.version, params: {}, position: { x: 0, y: 0 } });
    assert.equal(current.init, undefined);
    assert.equal(spec.params.init.default, 'pytorch');
  }
});
