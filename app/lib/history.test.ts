import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyGraph, type Graph } from '../../engine/graph';
import { presetGraph } from '../../engine/presets';
import { addFrame, addNote, moveAnnotation } from './annotations';
import { extractFragment } from './fragment';
import { initialState, studioReducer, type StudioAction, type StudioState } from './graph-store';
import { canRedo, canUndo, closeGroup, emptyHistory, record, redo, undo } from './history';
import { KEY_BURST_MS, keyBurst } from './key-burst';

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

test('undo brings back the selection of before a paste, a duplicate or a delete; redo the selection undo left', () => {
  let s = run(initialState(structuredClone(presetGraph('ae') as Graph)), { type: 'select', nodeIds: ['encoder', 'decoder'], edgeIds: ['e-enc-dec'] });
  const fragment = extractFragment(s.graph, ['encoder', 'decoder'])!;
  // a paste selects what it pasted
  s = run(s, { type: 'insert', fragment, at: { x: 0, y: 600 } });
  const pasted = s.selectedNodes;
  assert.equal(pasted.length, 2);
  assert.ok(pasted.every((id) => !['encoder', 'decoder'].includes(id)));
  s = run(s, { type: 'undo' });
  assert.equal(s.graph.nodes.length, 4);
  assert.deepEqual([s.selectedNodes, s.selectedEdges], [['encoder', 'decoder'], ['e-enc-dec']]);
  s = run(s, { type: 'redo' });
  assert.deepEqual([s.selectedNodes, s.selectedEdges], [pasted, []]);
  // a selection made after the edit is what redo returns to, like the graph it left
  s = run(s, { type: 'select', nodeIds: [pasted[0]], edgeIds: [] }, { type: 'undo' }, { type: 'redo' });
  assert.deepEqual(s.selectedNodes, [pasted[0]]);

  // a delete: undo selects the nodes and wire it took, redo clears them again
  s = run(s, { type: 'select', nodeIds: ['data', 'recon'], edgeIds: ['e-data-recon'] }, { type: 'remove', nodeIds: ['data', 'recon'], edgeIds: ['e-data-recon'] });
  assert.deepEqual([s.selectedNodes, s.selectedEdges], [[], []]);
  s = run(s, { type: 'select', nodeIds: ['encoder'], edgeIds: [] }, { type: 'undo' });
  assert.deepEqual([s.selectedNodes, s.selectedEdges], [['data', 'recon'], ['e-data-recon']]);
  s = run(s, { type: 'redo' });
  assert.deepEqual(s.selectedNodes, ['encoder']);

  // a grouped gesture (a drag) returns to the selection of before its first step
  const beforeDrag = s.selectedNodes;
  s = run(
    s,
    { type: 'moveNodes', positions: [{ id: 'encoder', x: 1, y: 1 }], group: 'drag-9' },
    { type: 'select', nodeIds: ['decoder'], edgeIds: [] },
    { type: 'moveNodes', positions: [{ id: 'encoder', x: 2, y: 2 }], group: 'drag-9' },
    { type: 'undo' },
  );
  assert.deepEqual(s.selectedNodes, beforeDrag);
  s = run(s, { type: 'undo' }, { type: 'undo' });
  assert.equal(s.graph.nodes.length, 4);
  assert.deepEqual(s.selectedNodes, ['encoder', 'decoder'], 'back before the paste, as at the start');
});

test('arrow-key moves of a note or a frame: one undo entry per burst, as for nodes', () => {
  const a0 = addNote(emptyGraph().meta.annotations, { x: 0, y: 0 }, 'energy').annotations;
  let s = run(initialState(emptyGraph()), { type: 'setTeaching', patch: { annotations: addFrame(a0, { x: 0, y: 0, width: 300, height: 200 }).annotations } });
  const entries = s.history.past.length;
  const group = keyBurst('annotation-keys');
  const press = (kind: 'note' | 'frame', id: string, dx: number, at: number): StudioAction => ({
    type: 'setTeaching',
    patch: { annotations: moveAnnotation(s.graph.meta.annotations, kind, id, dx, 0) },
    group: group(`${kind}:${id}`, at),
  });
  // held right arrow: presses 30 ms apart, then a pause, then two more; then the frame
  for (let i = 0; i < 6; i++) s = run(s, press('note', 'note-1', 5, i * 30));
  for (let i = 0; i < 2; i++) s = run(s, press('note', 'note-1', 20, 150 + KEY_BURST_MS + 1 + i * 30));
  s = run(s, press('frame', 'frame-1', -5, 150 + KEY_BURST_MS + 100));
  assert.deepEqual([s.graph.meta.annotations.notes[0].x, s.graph.meta.annotations.frames[0].x], [70, -5]);
  assert.equal(s.history.past.length, entries + 3);
  s = run(s, { type: 'undo' });
  assert.deepEqual([s.graph.meta.annotations.notes[0].x, s.graph.meta.annotations.frames[0].x], [70, 0]);
  s = run(s, { type: 'undo' });
  assert.equal(s.graph.meta.annotations.notes[0].x, 30);
  s = run(s, { type: 'undo' });
  assert.equal(s.graph.meta.annotations.notes[0].x, 0);
});
