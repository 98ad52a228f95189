import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GRAPH_VERSION, emptyGraph, parseGraph } from './graph';
import { PRESETS } from './presets';

test('a preset round-trips through JSON unchanged', () => {
  for (const p of PRESETS) {
    const r = parseGraph(JSON.stringify(p.graph));
    assert.ok(r.ok, p.name);
    assert.deepEqual(r.graph, p.graph);
  }
});

test('missing meta gets defaults (seed 42, adam 1e-3)', () => {
  const r = parseGraph({ version: GRAPH_VERSION, nodes: [], edges: [] });
  assert.ok(r.ok);
  assert.equal(r.graph.meta.seed, 42);
  assert.equal(r.graph.meta.train.optimizer, 'adam');
  assert.equal(r.graph.meta.train.learningRate, 1e-3);
});

test('unknown fields are rejected with their name and place', () => {
  const g = { ...emptyGraph(), colour: 'red' };
  const r = parseGraph(g);
  assert.equal(r.ok, false);
  assert.match((r as { errors: string[] }).errors.join('\n'), /graph: unknown field "colour"/);
  const g2 = emptyGraph();
  (g2.nodes as unknown[]).push({ id: 'a', type: 'data.mnist', typeVersion: 1, params: {}, position: { x: 0, y: 0 }, slot: 3 });
  const r2 = parseGraph(g2);
  assert.equal(r2.ok, false);
  assert.match((r2 as { errors: string[] }).errors.join('\n'), /node "a": unknown field "slot"/);
});

test('malformed files give a clear message, never a throw', () => {
  const bad: unknown[] = ['{not json', 42, null, [], { version: 'one' }, { version: 99, nodes: [], edges: [] }, { version: 1, nodes: 'x', edges: [] }];
  const messages = bad.map((b) => {
    const r = parseGraph(b);
    assert.equal(r.ok, false);
    return (r as { errors: string[] }).errors.join('; ');
  });
  assert.match(messages[0], /not valid JSON/);
  assert.match(messages[1], /JSON object/);
  assert.match(messages[4], /version/);
  assert.match(messages[5], /newer than this app/);
  assert.match(messages[6], /nodes/);
});

test('a version-1 graph migrates to version 2: teaching fields get their defaults, everything else kept', () => {
  const v1 = { version: 1, nodes: [{ id: 'a', type: 'data.mnist', typeVersion: 1, params: { batchSize: 8 }, position: { x: 1, y: 2 } }], edges: [], meta: { name: 'Old', seed: 9, locks: ['a'], notes: 'n' } };
  const r = parseGraph(v1);
  assert.ok(r.ok);
  assert.equal(r.graph.version, 2);
  assert.deepEqual(r.graph.nodes, v1.nodes);
  assert.equal(r.graph.meta.seed, 9);
  assert.deepEqual(r.graph.meta.locks, ['a']);
  assert.deepEqual(r.graph.meta.paramLocks, []);
  assert.equal(r.graph.meta.tour, null);
  assert.deepEqual(r.graph.meta.annotations, { notes: [], frames: [] });
  assert.deepEqual(r.graph.meta.classroom, { hideCategories: [], hidePanels: [], hideControls: [], runOnly: false, backend: null, fixedViews: false });
  // a version-1 file that already used a v2 field is refused by name, not silently accepted
  assert.equal(parseGraph({ ...v1, meta: { ...v1.meta, bogus: 1 } }).ok, false);
});
