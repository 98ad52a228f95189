import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyGraph, parseGraph, type Graph } from '../../engine/graph';
import { presetGraph } from '../../engine/presets';
import { FRAGMENT_KIND, extractFragment, instantiateFragment, parseFragment } from './fragment';
import { initialState, studioReducer } from './graph-store';

const byol = () => presetGraph('byol') as Graph;

test('a copied fragment holds the chosen nodes and only the wires between them', () => {
  const f = extractFragment(byol(), ['encoder', 'projector', 'momentum', 'byol'])!;
  assert.equal(f.kind, FRAGMENT_KIND);
  assert.deepEqual(f.nodes.map((n) => n.id), ['encoder', 'projector', 'momentum', 'byol']);
  assert.deepEqual(f.edges.map((e) => e.id), ['e-encoder-out-projector-in', 'e-momentum-out-byol-z']);
  assert.equal(extractFragment(byol(), []), null);
});

test('pasting gives fresh ids, keeps internal wires, remaps Follows to the copies, at the pointer', () => {
  const g = byol();
  const f = extractFragment(g, ['encoder', 'projector', 'momentum'])!;
  const text = JSON.stringify(f);
  const parsed = parseFragment(text);
  assert.ok(parsed.ok);
  const r = instantiateFragment(g, parsed.fragment, { x: 1000, y: 500 });
  const ids = r.nodes.map((n) => n.id);
  assert.deepEqual(ids, ['encoder-1', 'projector-1', 'momentum-encoder-1']);
  for (const id of ids) assert.ok(!g.nodes.some((n) => n.id === id), `${id} is new`);
  assert.deepEqual(r.edges.map((e) => [e.from.node, e.to.node]), [['encoder-1', 'projector-1']]);
  assert.deepEqual(r.nodes[2].params.follows, ['encoder-1', 'projector-1']);
  // the fragment's top-left corner lands on the pointer, relative positions kept
  assert.equal(Math.min(...r.nodes.map((n) => n.position.x)), 1000);
  assert.equal(Math.min(...r.nodes.map((n) => n.position.y)), 500);
  const dx = (i: number) => r.nodes[i].position.x - f.nodes[i].position.x;
  assert.equal(dx(0), dx(1));
  // the source graph is untouched and the result still parses as a graph
  assert.deepEqual(g.nodes.find((n) => n.id === 'momentum')!.params.follows, ['encoder', 'projector']);
  const merged = { ...g, nodes: [...g.nodes, ...r.nodes], edges: [...g.edges, ...r.edges] };
  assert.ok(parseGraph(JSON.parse(JSON.stringify(merged))).ok);
});

test('a reference to a node left behind stays when that node exists in the target graph, else it is dropped', () => {
  const f = extractFragment(byol(), ['momentum'])!;
  const same = instantiateFragment(byol(), f, { x: 0, y: 0 });
  assert.deepEqual(same.nodes[0].params.follows, ['encoder', 'projector']);
  const other = instantiateFragment(emptyGraph(), f, { x: 0, y: 0 });
  assert.deepEqual(other.nodes[0].params.follows, []);
  assert.equal(other.nodes[0].id, 'momentum-encoder-1');
});

test('foreign or damaged clipboard text is refused with a reason', () => {
  for (const text of ['hello', '', '{"a":1', JSON.stringify({ version: 1, nodes: [], edges: [] }), '[1,2]']) {
    const r = parseFragment(text);
    assert.ok(!r.ok);
    assert.match(r.reason, /does not hold Latent Studio nodes/);
  }
  const damaged = parseFragment(JSON.stringify({ kind: FRAGMENT_KIND, version: 1, nodes: [{ id: 'a/b', type: 'net.encoder', typeVersion: 1, params: {}, position: { x: 0, y: 0 } }], edges: [] }));
  assert.ok(!damaged.ok);
  assert.match(damaged.reason, /damaged \(nodes\.0\.id/);
  const alien = parseFragment(JSON.stringify({ kind: FRAGMENT_KIND, version: 1, nodes: [{ id: 'a', type: 'net.quantum', typeVersion: 1, params: {}, position: { x: 0, y: 0 } }], edges: [] }));
  assert.ok(!alien.ok);
  assert.match(alien.reason, /net\.quantum/);
});

test('insert is one undo entry and selects the pasted nodes; a batch is one entry', () => {
  let s = initialState(byol());
  s = studioReducer(s, { type: 'insert', fragment: extractFragment(s.graph, ['encoder', 'projector'])!, at: { x: 0, y: 0 } });
  assert.deepEqual(s.selectedNodes, ['encoder-1', 'projector-1']);
  assert.equal(s.graph.nodes.length, 11);
  assert.equal(s.history.past.length, 1);
  s = studioReducer(s, {
    type: 'batch',
    actions: [
      { type: 'addNode', nodeType: 'net.predictor', position: { x: 0, y: 0 } },
      { type: 'connect', from: { node: 'projector-1', port: 'out' }, to: { node: 'predictor-1', port: 'in' } },
    ],
  });
  assert.equal(s.history.past.length, 2);
  assert.ok(s.graph.edges.some((e) => e.to.node === 'predictor-1'));
  s = studioReducer(s, { type: 'undo' });
  assert.equal(s.graph.nodes.length, 11);
  assert.equal(s.graph.edges.length, 10);
});
