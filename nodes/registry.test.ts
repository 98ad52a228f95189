// One test over every node type: its defaults parse, `infer` works on typical
// inputs, and `init` + `forward` run on the cpu backend with the inferred shapes.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { defaultParams, parseParams } from '../engine/params';
import type { ForwardCtx, Dataset, Tensor, Variable } from '../engine/spec';
import { isProblem, PORT_TYPES, type TensorType } from '../engine/types';
import { allSpecs } from './registry';

before(async () => {
  await tf.setBackend('cpu');
});

const B = 4;
const typical: Record<string, TensorType> = {
  image: { type: 'image', shape: ['B', 28, 28, 1] },
  vector: { type: 'vector', shape: ['B', 16] },
  latent: { type: 'latent', shape: ['B', 16] },
  distribution: { type: 'distribution', shape: ['B', 2, 16] },
  scalar: { type: 'scalar', shape: [] },
  labels: { type: 'labels', shape: ['B'] },
};

function concrete(t: TensorType): number[] {
  return t.shape.map((d) => (d === 'B' ? B * (t.views ?? 1) : d));
}

const fakeDataset: Dataset = {
  name: 'mnist',
  kind: 'image',
  sampleShape: [28, 28, 1],
  classes: 10,
  train: { pixels: new Uint8Array(10 * 784).fill(128), labels: Uint8Array.from({ length: 10 }, (_, i) => i), count: 10 },
  test: { pixels: new Uint8Array(10 * 784).fill(64), labels: Uint8Array.from({ length: 10 }, (_, i) => i), count: 10 },
};

test('every port type in the registry is from the closed set', () => {
  for (const s of allSpecs()) {
    for (const p of [...s.inputs, ...s.outputs]) {
      assert.ok((PORT_TYPES as readonly string[]).includes(p.type), `${s.type}.${p.id}`);
      for (const a of p.accepts ?? []) assert.ok((PORT_TYPES as readonly string[]).includes(a));
    }
  }
});

test('types and labels are unique, docs and param docs are written', () => {
  const specs = allSpecs();
  assert.equal(new Set(specs.map((s) => s.type)).size, specs.length);
  assert.equal(new Set(specs.map((s) => s.label)).size, specs.length);
  for (const s of specs) {
    assert.ok(s.doc.length > 60, `${s.type} doc too short`);
    for (const [k, d] of Object.entries(s.params)) assert.ok(d.doc.length > 10 && d.label, `${s.type}.${k}`);
  }
});

for (const spec of allSpecs()) {
  test(`${spec.type}: defaults parse, infer works, forward runs on cpu`, () => {
    const params = defaultParams(spec.params);
    const parsed = parseParams(spec.params, {});
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, params);

    const inputTypes: Record<string, TensorType> = {};
    for (const p of spec.inputs) inputTypes[p.id] = typical[p.type];
    const outTypes = spec.infer({ inputs: inputTypes, params });
    assert.ok(!isProblem(outTypes), isProblem(outTypes) ? outTypes.problem : '');
    for (const p of spec.outputs) assert.ok(outTypes[p.id], `${spec.type} infers ${p.id}`);

    const before = tf.memory().numTensors;
    const vars: Record<string, Variable> = {};
    const state: Record<string, Tensor> = {};
    spec.init?.({
      tf,
      params,
      inputTypes,
      outputTypes: outTypes,
      variable: (name, shape) => (vars[name] = tf.tidy(() => tf.variable(tf.randomNormal(shape, 0, 0.1, "float32", 1), true, `reg/${spec.type}/${name}`))),
      state: (name, v) => {
        state[name] = v;
      },
    });
    const inputs: Record<string, Tensor> = {};
    for (const [k, t] of Object.entries(inputTypes)) {
      inputs[k] = t.type === 'labels' ? tf.zeros(concrete(t), 'int32') : tf.randomUniform(concrete(t), 0, 1, 'float32', 7);
    }
    let seed = 0;
    const ctx: ForwardCtx<unknown> = {
      tf,
      params,
      inputs,
      inputTypes,
      outputTypes: outTypes,
      vars,
      state,
      training: true,
      step: 1,
      seed: () => ++seed,
      batch: { split: 'train', indices: Int32Array.from({ length: B }, (_, i) => i) },
      dataset: () => fakeDataset,
      term: () => {},
      afterStep: () => {},
      retain: (t) => t,
    };
    const outMap = tf.tidy(() => spec.forward(ctx as ForwardCtx<never>));
    const outs = Object.values(outMap);
    for (const p of spec.outputs) {
      const t = outMap[p.id];
      assert.ok(t, `${spec.type} produced ${p.id}`);
      assert.deepEqual(t.shape, concrete(outTypes[p.id]), `${spec.type}.${p.id} shape`);
      assert.ok(Number.isFinite(tf.tidy(() => tf.sum(t).dataSync()[0])), `${spec.type}.${p.id} finite`);
    }
    tf.dispose([...outs, ...Object.values(inputs), ...Object.values(vars), ...Object.values(state)]);
    assert.equal(tf.memory().numTensors, before, `${spec.type} leaks no tensors`);
  });
}
