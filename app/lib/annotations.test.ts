import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyGraph, parseGraph } from '../../engine/graph';
import { AnnotationsSchema, emptyAnnotations } from '../../engine/teach';
import { addFrame, addNote, moveAnnotation, removeAnnotation, resizeFrame, setAnnotationText } from './annotations';

test('notes and frames get fresh ids, move, resize within the schema limits, change text and go', () => {
  let a = emptyAnnotations();
  const n1 = addNote(a, { x: 10.4, y: 20.6 }, 'Energy is low on the data');
  a = n1.annotations;
  const n2 = addNote(a, { x: 0, y: 0 });
  a = n2.annotations;
  const f = addFrame(a, { x: -50, y: -60, width: 10, height: 300 }, 'Online branch');
  a = f.annotations;
  assert.deepEqual([n1.id, n2.id, f.id], ['note-1', 'note-2', 'frame-1']);
  assert.deepEqual(a.notes[0], { id: 'note-1', text: 'Energy is low on the data', x: 10, y: 21 });
  assert.equal(a.frames[0].width, 40, 'a frame is at least 40 wide');
  a = moveAnnotation(a, 'frame', 'frame-1', 5, -5);
  a = resizeFrame(a, 'frame-1', 50_000, 120.2);
  assert.deepEqual(a.frames[0], { id: 'frame-1', label: 'Online branch', x: -45, y: -65, width: 20_000, height: 120 });
  a = setAnnotationText(a, 'note', 'note-2', 'x'.repeat(3000));
  assert.equal(a.notes[1].text.length, 2000);
  a = removeAnnotation(a, 'note', 'note-1');
  assert.deepEqual(a.notes.map((n) => n.id), ['note-2']);
  assert.equal(addNote(a, { x: 0, y: 0 }).id, 'note-1', 'a free id is reused');
  // every result is a valid part of the graph file
  assert.ok(AnnotationsSchema.safeParse(a).success);
  const g = emptyGraph();
  g.meta.annotations = a;
  const back = parseGraph(JSON.parse(JSON.stringify(g)));
  assert.ok(back.ok);
  assert.deepEqual(back.graph.meta.annotations, a);
});
