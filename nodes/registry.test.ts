// One test over every node type: its defaults parse, `infer` works on typical
// inputs (a spec's `example` inputs where it gives them, e.g. two stacked views),
// and `init` + `forward` + the after-step updates run on the cpu backend with the
// inferred shapes and without leaking tensors (nodes/test-harness.ts).
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { ImportedSet } from '../engine/data/imported';
import { defaultParams, parseParams, type DatasetRef } from '../engine/params';
import type { Tensor } from '../engine/spec';
import { isProblem, PORT_TYPES } from '../engine/types';
import { allSpecs, getSpec } from './registry';
import { TORCH_PARTS } from './torch';
import { concreteShape, exampleInputTypes, nodeHarness, randomInputs } from './test-harness';

/** A small stored set of the shape a "Your data" example refers to (rows 0..19, 3 classes). */
function importedExample(ref: DatasetRef): ImportedSet {
  const per = ref.shape.reduce((a, b) => a * b, 1);
  const data = ref.kind === 'image' ? Uint8Array.from({ length: 20 * per }, (_, i) => (i * 37) % 256) : Float32Array.from({ length: 20 * per }, (_, i) => Math.sin(i));
  return { kind: ref.kind, sampleShape: ref.shape, classNames: ['a', 'b', 'c'], train: { count: 20, data, labels: Uint8Array.from({ length: 20 }, (_, i) => i % 3) }, test: null, notes: [] };
}

before(async () => {
  await tf.setBackend('cpu');
});

test('every node type has a PyTorch export part (nodes/<category>/<name>.torch.ts, listed in nodes/torch.ts)', () => {
  const missing = allSpecs().map((s) => s.type).filter((t) => !TORCH_PARTS[t]);
  assert.deepEqual(missing, [], `no PyTorch export part for: ${missing.join(', ')}`);
});

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

test('every loss node shows its formula and the methods section behind it (the Learn link)', () => {
  const sections = new Set(['Classical and energy-based', 'Autoencoders and generative models', 'Joint-embedding methods', 'Attention and masking', 'Shared building blocks', 'Target propagation']);
  for (const s of allSpecs()) {
    if (s.category === 'loss') assert.ok(s.formula && s.formula.length > 8, `${s.type} has no formula`);
    if (s.formula) assert.ok(s.lecture && sections.has(s.lecture), `${s.type}: lecture section "${s.lecture}" is not a section of docs/methods.md`);
  }
});

test('example inputs name real input ports', () => {
  for (const s of allSpecs()) {
    for (const port of Object.keys(s.example?.inputs ?? {})) assert.ok(s.inputs.some((p) => p.id === port), `${s.type}: example input ${port} is not a port`);
  }
});

for (const spec of allSpecs()) {
  test(`${spec.type}: defaults parse, infer works, forward runs on cpu`, () => {
    const defaults = defaultParams(spec.params);
    const parsed = parseParams(spec.params, {});
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, defaults);
    const params = { ...defaults, ...spec.example?.params } as typeof defaults;
    const peers = Object.fromEntries(Object.entries(spec.example?.peers ?? {}).map(([id, type]) => [id, getSpec(type)!]));
    const lookupNode = (id: string) => (peers[id] ? { spec: peers[id], params: defaultParams(peers[id].params) } : undefined);

    const inputTypes = exampleInputTypes(spec);
    const outTypes = spec.infer({ inputs: inputTypes, params, lookupNode });
    assert.ok(!isProblem(outTypes), isProblem(outTypes) ? outTypes.problem : '');
    for (const p of spec.outputs) assert.ok(outTypes[p.id], `${spec.type} infers ${p.id}`);

    const before = tf.memory().numTensors;
    // data nodes that make their dataset in code get it; the rest read a fake MNIST
    const stored = spec.data?.stored?.(params);
    const dataset = spec.data?.generate?.(params, 1) ?? (stored ? stored.prepare(importedExample(params.dataset as DatasetRef), 1) : undefined);
    // a momentum encoder runs real copies of the networks it follows
    const followed = spec.mirror ? spec.mirror.follows(params).map((id) => nodeHarness(tf, peers[id], { inputTypes: { in: inputTypes.in } })) : [];
    const mirrored = (x: Tensor) => followed.reduce((y, f) => Object.values(f.forward({ in: y }))[0], x);
    const h = nodeHarness(tf, spec, { params, inputTypes, dataset, lookupNode, mirrored });
    const inputs = randomInputs(tf, inputTypes);
    const outMap = h.forward(inputs);
    for (const p of spec.outputs) {
      const t = outMap[p.id];
      assert.ok(t, `${spec.type} produced ${p.id}`);
      assert.deepEqual(t.shape, concreteShape(outTypes[p.id]), `${spec.type}.${p.id} shape`);
      assert.ok(Number.isFinite(tf.tidy(() => tf.sum(t).dataSync()[0])), `${spec.type}.${p.id} finite`);
    }
    h.runAfterStep();
    for (const [k, s] of Object.entries(h.state)) assert.ok(!s.isDisposed, `${spec.type}: state ${k} alive after the update`);
    tf.dispose(Object.values(inputs));
    h.dispose();
    followed.forEach((f) => f.dispose());
    assert.equal(tf.memory().numTensors, before, `${spec.type} leaks no tensors`);
  });
}
