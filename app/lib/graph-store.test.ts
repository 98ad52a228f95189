import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyGraph, parseGraph, type Graph } from '../../engine/graph';
import { presetGraph } from '../../engine/presets';
import { initialState, nextNodeId, studioReducer, type StudioAction, type StudioState } from './graph-store';

function run(state: StudioState, ...actions: StudioAction[]): StudioState {
  return actions.reduce(studioReducer, state);
}

test('added nodes get short, unique, never-reused ids and default params', () => {
  let s = run(initialState(emptyGraph()), { type: 'addNode', nodeType: 'data.mnist', position: { x: 10.4, y: 20.6 } }, { type: 'addNode', nodeType: 'data.mnist', position: { x: 0, y: 0 } });
  assert.deepEqual(s.graph.nodes.map((n) => n.id), ['mnist-1', 'mnist-2']);
  assert.deepEqual(s.graph.nodes[0].position, { x: 10, y: 21 });
  assert.equal(s.graph.nodes[0].params.batchSize, 256);
  assert.deepEqual(s.selectedNodes, ['mnist-2']);
  s = run(s, { type: 'remove', nodeIds: ['mnist-2'], edgeIds: [] }, { type: 'addNode', nodeType: 'data.mnist', position: { x: 0, y: 0 } });
  assert.deepEqual(s.graph.nodes.map((n) => n.id), ['mnist-1', 'mnist-2']);
  assert.equal(nextNodeId(s.graph, 'net.encoder'), 'encoder-1');
  assert.equal(run(s, { type: 'addNode', nodeType: 'no.such.type', position: { x: 0, y: 0 } }), s);
});

test('the result is always a graph the schema accepts', () => {
  const s = run(
    initialState(emptyGraph()),
    { type: 'addNode', nodeType: 'data.mnist', position: { x: 0, y: 0 } },
    { type: 'addNode', nodeType: 'net.encoder', position: { x: 300, y: 0 } },
    { type: 'connect', from: { node: 'mnist-1', port: 'image' }, to: { node: 'encoder-1', port: 'in' } },
    { type: 'setParam', nodeId: 'encoder-1', key: 'latent', value: 8 },
    { type: 'setTrain', key: 'steps', value: 12 },
    { type: 'setMeta', key: 'seed', value: 7 },
  );
  const r = parseGraph(JSON.parse(JSON.stringify(s.graph)));
  assert.ok(r.ok, r.ok ? '' : r.errors.join('; '));
  assert.equal(s.graph.edges[0].id, 'e-encoder-1-in');
  assert.equal(s.graph.meta.train.steps, 12);
  assert.equal(s.graph.meta.seed, 7);
});

test('a second edge into an input replaces the first', () => {
  const g = presetGraph('dae')!;
  const s = run(initialState(g), { type: 'connect', from: { node: 'data', port: 'image' }, to: { node: 'encoder', port: 'in' } });
  const into = s.graph.edges.filter((e) => e.to.node === 'encoder' && e.to.port === 'in');
  assert.equal(into.length, 1);
  assert.equal(into[0].from.node, 'data');
  assert.equal(s.graph.edges.length, g.edges.length);
});

test('removing a node removes its edges; locked nodes stay put', () => {
  const g: Graph = { ...presetGraph('ae')!, meta: { ...presetGraph('ae')!.meta, locks: ['data'] } };
  let s = run(initialState(g), { type: 'remove', nodeIds: ['decoder', 'data'], edgeIds: [] });
  assert.deepEqual(s.graph.nodes.map((n) => n.id).sort(), ['data', 'encoder', 'recon']);
  assert.ok(s.graph.edges.every((e) => e.from.node !== 'decoder' && e.to.node !== 'decoder'));
  s = run(s, { type: 'moveNodes', positions: [{ id: 'data', x: 999, y: 999 }] }, { type: 'setParam', nodeId: 'data', key: 'batchSize', value: 8 });
  assert.deepEqual(s.graph.nodes.find((n) => n.id === 'data')!.position, g.nodes.find((n) => n.id === 'data')!.position);
  assert.equal(s.graph.nodes.find((n) => n.id === 'data')!.params.batchSize, 256);
});

test('moving keeps unmoved nodes identical, so the canvas can skip them', () => {
  const s0 = initialState(presetGraph('ae')!);
  const s1 = run(s0, { type: 'moveNodes', positions: [{ id: 'encoder', x: 1, y: 2 }] });
  assert.equal(s1.graph.nodes[0], s0.graph.nodes[0]);
  assert.notEqual(s1.graph.nodes[1], s0.graph.nodes[1]);
});

test('selection deltas from nodes and edges combine', () => {
  const s = run(
    initialState(presetGraph('ae')!),
    { type: 'selectDelta', nodes: [{ id: 'data', selected: true }], edges: [] },
    { type: 'selectDelta', nodes: [], edges: [{ id: 'e-enc-dec', selected: true }] },
    { type: 'selectDelta', nodes: [{ id: 'data', selected: false }], edges: [] },
  );
  assert.deepEqual(s.selectedNodes, []);
  assert.deepEqual(s.selectedEdges, ['e-enc-dec']);
});
