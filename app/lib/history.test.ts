import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyGraph, type Graph } from '../../engine/graph';
import { presetGraph } from '../../engine/presets';
import { initialState, studioReducer, type StudioAction, type StudioState } from './graph-store';
import { canRedo, canUndo, closeGroup, emptyHistory, record, redo, undo } from './history';

function run(state: StudioState, ...actions: StudioAction[]): StudioState {
  return actions.reduce(studioReducer, state);
}

test('records, undoes and redoes in order; a new record clears the redo stack', () => {
  let h = emptyHistory<number>();
  h = record(h, 0);
  h = record(h, 1);
  let r = undo(h, 2)!;
  assert.equal(r.state, 1);
  r = undo(r.history, r.state)!;
  assert.equal(r.state, 0);
  assert.equal(undo(r.history, r.state), null);
  const back = redo(r.history, r.state)!;
  assert.equal(back.state, 1);
  assert.ok(canRedo(back.history));
  const branched = record(back.history, 1);
  assert.ok(!canRedo(branched));
  assert.ok(canUndo(branched));
});

test('records with the same group fold into one entry until the group closes', () => {
  let h = emptyHistory<string>();
  h = record(h, 'a', 'drag-1');
  h = record(h, 'b', 'drag-1');
  h = record(h, 'c', 'drag-1');
  assert.deepEqual(h.past, ['a']);
  h = record(h, 'd', 'drag-2');
  assert.deepEqual(h.past, ['a', 'd']);
  h = closeGroup(h);
  h = record(h, 'e', 'drag-2');
  assert.deepEqual(h.past, ['a', 'd', 'e']);
  h = record(h, 'f');
  h = record(h, 'g');
  assert.deepEqual(h.past, ['a', 'd', 'e', 'f', 'g'], 'ungrouped records never fold');
  // an undo closes the group: the same key afterwards is a new entry
  const u = undo(record(h, 'h', 'k'), 'i')!;
  assert.deepEqual(record(u.history, 'h2', 'k').past.slice(-1), ['h2']);
});

test('keeps the newest `limit` states (at least 100 by default) and drops the oldest', () => {
  let h = emptyHistory<number>();
  assert.ok(h.limit >= 100);
  for (let i = 0; i < h.limit + 50; i++) h = record(h, i);
  assert.equal(h.past.length, h.limit);
  assert.equal(h.past[0], 50);
  let present = h.limit + 50;
  let steps = 0;
  for (let r = undo(h, present); r; r = undo(r.history, r.state)) {
    present = r.state;
    steps++;
  }
  assert.equal(steps, h.limit);
  assert.equal(present, 50);
  const small = [1, 2, 3, 4].reduce((acc, i) => record(acc, i), emptyHistory<number>(3));
  assert.deepEqual(small.past, [2, 3, 4]);
});

test('the graph store: one entry per drag, per field, per compound edit; undo returns the exact graph', () => {
  const start = initialState(emptyGraph());
  const s1 = run(
    start,
    { type: 'addNode', nodeType: 'data.mnist', position: { x: 0, y: 0 } },
    { type: 'addNode', nodeType: 'net.encoder', position: { x: 300, y: 0 } },
    { type: 'connect', from: { node: 'mnist-1', port: 'image' }, to: { node: 'encoder-1', port: 'in' } },
  );
  const before = JSON.stringify(s1.graph);
  // a drag: many position updates, one group
  let s = run(
    s1,
    ...[10, 20, 30, 40].map((x): StudioAction => ({ type: 'moveNodes', positions: [{ id: 'encoder-1', x: 300 + x, y: x }], group: 'drag-1' })),
    // the keystrokes of one field
    { type: 'setParam', nodeId: 'encoder-1', key: 'latent', value: 1 },
    { type: 'setParam', nodeId: 'encoder-1', key: 'latent', value: 16 },
    { type: 'closeGroup' },
    { type: 'setParam', nodeId: 'encoder-1', key: 'latent', value: 24 },
    // selection and measuring are not edits
    { type: 'select', nodeIds: ['mnist-1'], edgeIds: [] },
    { type: 'measure', sizes: [{ id: 'mnist-1', size: { width: 10, height: 10 } }] },
    // a removal that takes a wire along is one entry
    { type: 'remove', nodeIds: ['mnist-1'], edgeIds: [] },
  );
  assert.equal(s.history.past.length, 3 + 4);
  const after = JSON.stringify(s.graph);
  for (let i = 0; i < 4; i++) s = run(s, { type: 'undo' });
  assert.equal(JSON.stringify(s.graph), before);
  for (let i = 0; i < 4; i++) s = run(s, { type: 'redo' });
  assert.equal(JSON.stringify(s.graph), after);
  assert.equal(run(s, { type: 'redo' }), s, 'nothing to redo leaves the state alone');
  // a drag that ends where it started, or a value set to what it is, adds nothing
  const same = run(s, { type: 'moveNodes', positions: [{ id: 'encoder-1', x: 340, y: 40 }], group: 'drag-2' }, { type: 'setParam', nodeId: 'encoder-1', key: 'latent', value: 24 });
  assert.equal(same.history.past.length, s.history.past.length);
});

test('a preset load is one undoable entry and frames the view again; a restored graph starts a fresh history', () => {
  const vae = presetGraph('vae') as Graph;
  let s = run(initialState(emptyGraph()), { type: 'addNode', nodeType: 'data.mnist', position: { x: 0, y: 0 } });
  const mine = s.graph;
  s = run(s, { type: 'replace', graph: vae });
  const rev = s.revision;
  s = run(s, { type: 'undo' });
  assert.equal(s.graph, mine);
  assert.equal(s.revision, rev + 1);
  s = run(s, { type: 'replace', graph: vae, resetHistory: true });
  assert.ok(!canUndo(s.history));
});
