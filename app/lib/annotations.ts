// Canvas annotations as edits of graph.meta.annotations: sticky notes and
// labelled group frames. They are not graph nodes (nothing trains or validates
// them); every change is one `setTeaching` action, so undo, autosave, files and
// share links carry them like any other part of the graph.
import type { Annotations, Frame, Note } from '../../engine/teach';

export type AnnotationKind = 'note' | 'frame';

const MIN_FRAME = 40;
const MAX_FRAME = 20_000;

function freeId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

const allIds = (a: Annotations) => [...a.notes.map((n) => n.id), ...a.frames.map((f) => f.id)];

export function addNote(a: Annotations, at: { x: number; y: number }, text = ''): { annotations: Annotations; id: string } {
  const id = freeId('note', allIds(a));
  return { annotations: { ...a, notes: [...a.notes, { id, text, x: Math.round(at.x), y: Math.round(at.y) }] }, id };
}

export function addFrame(a: Annotations, box: { x: number; y: number; width: number; height: number }, label = 'Group'): { annotations: Annotations; id: string } {
  const id = freeId('frame', allIds(a));
  const frame: Frame = { id, label, x: Math.round(box.x), y: Math.round(box.y), width: clampSize(box.width), height: clampSize(box.height) };
  return { annotations: { ...a, frames: [...a.frames, frame] }, id };
}

function clampSize(v: number): number {
  return Math.round(Math.min(MAX_FRAME, Math.max(MIN_FRAME, v)));
}

function patchNote(a: Annotations, id: string, f: (n: Note) => Note): Annotations {
  return { ...a, notes: a.notes.map((n) => (n.id === id ? f(n) : n)) };
}

function patchFrame(a: Annotations, id: string, f: (n: Frame) => Frame): Annotations {
  return { ...a, frames: a.frames.map((n) => (n.id === id ? f(n) : n)) };
}

export function moveAnnotation(a: Annotations, kind: AnnotationKind, id: string, dx: number, dy: number): Annotations {
  const move = <T extends { x: number; y: number }>(n: T): T => ({ ...n, x: Math.round(n.x + dx), y: Math.round(n.y + dy) });
  return kind === 'note' ? patchNote(a, id, move) : patchFrame(a, id, move);
}

export function resizeFrame(a: Annotations, id: string, width: number, height: number): Annotations {
  return patchFrame(a, id, (f) => ({ ...f, width: clampSize(width), height: clampSize(height) }));
}

/** A note's text (≤ 2,000 characters) or a frame's label (≤ 200), as the schema allows. */
export function setAnnotationText(a: Annotations, kind: AnnotationKind, id: string, text: string): Annotations {
  return kind === 'note' ? patchNote(a, id, (n) => ({ ...n, text: text.slice(0, 2000) })) : patchFrame(a, id, (f) => ({ ...f, label: text.slice(0, 200) }));
}

export function removeAnnotation(a: Annotations, kind: AnnotationKind, id: string): Annotations {
  return kind === 'note' ? { ...a, notes: a.notes.filter((n) => n.id !== id) } : { ...a, frames: a.frames.filter((f) => f.id !== id) };
}
