'use client';
// Sticky notes and labelled group frames drawn over the canvas, in flow
// coordinates (React Flow's viewport portal), so they pan and zoom with the
// graph. They are not graph nodes: they live in graph.meta.annotations and every
// change is one undoable store action (app/lib/annotations.ts). Frames sit under
// the nodes and let clicks through except on their label and resize corner.
// Each note and frame is a Tab stop that the arrow keys move and Delete removes (use-annotation-keys.ts).
import { Panel, ViewportPortal, useStore } from '@xyflow/react';
import { useCallback, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Frame, Note } from '../../../engine/teach';
import { addFrame, addNote, moveAnnotation, removeAnnotation, resizeFrame, setAnnotationText, type AnnotationKind } from '../../lib/annotations';
import { useStudio } from '../../lib/graph-store';
import { useAnnotationKeys } from './use-annotation-keys';
import { useFlowDrag } from './use-flow-drag';
import './Annotations.css';

interface ItemProps {
  zoom: number;
  readOnly: boolean;
  onMove(dx: number, dy: number): void;
  onText(text: string): void;
  onRemove(): void;
  /** Arrow keys move it, Delete removes it; absent when read-only. */
  onKey?(e: KeyboardEvent<HTMLElement>): void;
  /** The id of the text that tells a screen reader how to move it. */
  hint: string;
}

/** What makes an annotation a focusable thing the arrow keys move, like a node. */
function focusable(kind: string, name: string, onKey: ItemProps['onKey'], hint: string) {
  return { role: 'group', 'aria-roledescription': kind, 'aria-label': name, tabIndex: onKey ? 0 : undefined, 'aria-describedby': onKey ? hint : undefined, onKeyDown: onKey };
}

/**
 * A text shown as a field while `editing`; it commits when it loses focus. Shown, it is a
 * Tab stop where Enter (or F2) starts editing: the keyboard's double-click.
 */
function Editable({ value, placeholder, multiline, label, editing, refocus, onStart, onDone }: { value: string; placeholder: string; multiline: boolean; label: string; editing: boolean; refocus?(): boolean; onStart?(): void; onDone(v: string | null, byKey: boolean): void }) {
  const byKey = useRef(false);
  if (!editing) {
    const cls = value ? 'annotation__text' : 'annotation__text is-empty';
    if (!onStart) return <span className={cls}>{value || placeholder}</span>;
    return (
      <span
        className={`${cls} nodrag`}
        role="button"
        tabIndex={0}
        // a field closed by Enter or Esc hands focus back here, not to the page
        ref={(el) => {
          if (el && refocus?.()) el.focus();
        }}
        aria-label={`Edit ${label.toLowerCase()}${value ? `: ${value.slice(0, 80)}` : ''}`}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' && e.key !== 'F2') return;
          e.preventDefault();
          e.stopPropagation();
          onStart();
        }}
      >
        {value || placeholder}
      </span>
    );
  }
  const common = {
    autoFocus: true,
    defaultValue: value,
    'aria-label': label,
    className: 'annotation__field nodrag nopan nowheel',
    onBlur: (e: { target: { value: string } }) => onDone(e.target.value === value ? null : e.target.value, byKey.current),
    onPointerDown: (e: React.PointerEvent) => e.stopPropagation(),
    onKeyDown: (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      // keys typed here are text, not canvas shortcuts (Delete, Ctrl+Z)
      e.stopPropagation();
      if (e.key === 'Escape' || (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey))) {
        byKey.current = true;
        e.currentTarget.blur();
      }
    },
  };
  return multiline ? <textarea rows={4} maxLength={2000} {...common} /> : <input maxLength={200} {...common} />;
}

/** Editing state of one annotation's text: double-click starts it (unless read-only), blur ends it. */
function useEditing(readOnly: boolean, initially: boolean, onText: (t: string) => void) {
  const [editing, setEditing] = useState(initially && !readOnly);
  const back = useRef(false);
  return {
    editing,
    // read once: focus returns to the shown text once, right after the field closed by key
    refocus: () => {
      const r = back.current;
      back.current = false;
      return r;
    },
    start: readOnly ? undefined : () => setEditing(true),
    done: (v: string | null, byKey: boolean) => {
      setEditing(false);
      back.current = byKey;
      if (v !== null) onText(v);
    },
  };
}

function NoteItem({ note, zoom, readOnly, onMove, onText, onRemove, onKey, hint }: ItemProps & { note: Note }) {
  const drag = useFlowDrag(zoom, onMove, readOnly);
  const edit = useEditing(readOnly, note.text === '', onText);
  const x = note.x + (drag.delta?.dx ?? 0);
  const y = note.y + (drag.delta?.dy ?? 0);
  return (
    <div className="annotation-note nopan" data-testid={`note-${note.id}`} style={{ transform: `translate(${x}px, ${y}px)` }} {...focusable('note', note.text.slice(0, 80) || 'Empty note', onKey, hint)}>
      <div className="annotation-note__bar" {...drag.handlers} aria-label="Move note" title={readOnly ? undefined : 'Drag to move'}>
        {!readOnly && (
          <button type="button" className="annotation__remove" aria-label="Delete note" onPointerDown={(e) => e.stopPropagation()} onClick={onRemove}>
            ×
          </button>
        )}
      </div>
      <div className="annotation-note__body" onDoubleClick={edit.start} title={readOnly ? undefined : 'Double-click to edit'}>
        <Editable value={note.text} placeholder="Double-click to write" multiline label="Note text" editing={edit.editing} refocus={edit.refocus} onStart={edit.start} onDone={edit.done} />
      </div>
    </div>
  );
}

function FrameItem({ frame, zoom, readOnly, onMove, onText, onRemove, onResize, onKey, hint }: ItemProps & { frame: Frame; onResize(w: number, h: number): void }) {
  const drag = useFlowDrag(zoom, onMove, readOnly);
  const size = useFlowDrag(zoom, (dw, dh) => onResize(frame.width + dw, frame.height + dh), readOnly);
  const edit = useEditing(readOnly, false, onText);
  const x = frame.x + (drag.delta?.dx ?? 0);
  const y = frame.y + (drag.delta?.dy ?? 0);
  const w = Math.max(40, frame.width + (size.delta?.dx ?? 0));
  const h = Math.max(40, frame.height + (size.delta?.dy ?? 0));
  const box = { transform: `translate(${x}px, ${y}px)`, width: w, height: h };
  // the body lies under the nodes; its label and resize corner lie above them, so a node
  // placed over a frame never hides its handles
  return (
    <>
      <div className="annotation-frame" data-testid={`frame-body-${frame.id}`} style={box} />
      <div className="annotation-frame annotation-frame--chrome" data-testid={`frame-${frame.id}`} style={box} {...focusable('frame', frame.label || 'Frame', onKey, hint)}>
        <div className="annotation-frame__label nopan" {...drag.handlers} aria-label="Move frame" onDoubleClick={edit.start} title={readOnly ? undefined : 'Drag to move, double-click to rename'}>
          <Editable value={frame.label} placeholder="Label" multiline={false} label="Frame label" editing={edit.editing} refocus={edit.refocus} onStart={edit.start} onDone={edit.done} />
          {!readOnly && (
            <button type="button" className="annotation__remove" aria-label="Delete frame" onPointerDown={(e) => e.stopPropagation()} onClick={onRemove}>
              ×
            </button>
          )}
        </div>
        {!readOnly && <div className="annotation-frame__resize nopan" {...size.handlers} aria-label="Resize frame" title="Drag to resize" />}
      </div>
    </>
  );
}

export function AnnotationLayer() {
  const { state, dispatch } = useStudio();
  const annotations = state.graph.meta.annotations;
  // a run-only classroom link shows the notes but refuses every edit
  const readOnly = state.graph.meta.classroom.runOnly;
  const [tx, ty, zoom] = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const commit = useCallback((next: typeof annotations) => dispatch({ type: 'setTeaching', patch: { annotations: next } }), [dispatch]);
  const keys = useAnnotationKeys();
  const hint = useId();
  const centre = () => ({ x: (width / 2 - tx) / zoom, y: (height / 2 - ty) / zoom });
  const item = (kind: AnnotationKind, id: string): ItemProps => ({
    zoom,
    readOnly,
    onMove: (dx, dy) => commit(moveAnnotation(annotations, kind, id, dx, dy)),
    onText: (t) => commit(setAnnotationText(annotations, kind, id, t)),
    onRemove: () => commit(removeAnnotation(annotations, kind, id)),
    onKey: readOnly
      ? undefined
      : keys(kind, id, {
          move: (dx, dy, group) => {
            const next = moveAnnotation(annotations, kind, id, dx, dy);
            dispatch({ type: 'setTeaching', patch: { annotations: next }, group });
            return [...next.notes, ...next.frames].find((a) => a.id === id) ?? null;
          },
          remove: () => commit(removeAnnotation(annotations, kind, id)),
        }),
    hint,
  });
  const some = annotations.notes.length + annotations.frames.length > 0;
  return (
    <>
      <ViewportPortal>
        {/* frames first: a later note is drawn over them */}
        {annotations.frames.map((f) => (
          <FrameItem key={f.id} frame={f} {...item('frame', f.id)} onResize={(w, h) => commit(resizeFrame(annotations, f.id, w, h))} />
        ))}
        {annotations.notes.map((n) => (
          <NoteItem key={n.id} note={n} {...item('note', n.id)} />
        ))}
      </ViewportPortal>
      {some && !readOnly && (
        <p id={hint} className="sr-only">
          Arrow keys move it, Shift with an arrow 4 times further; Delete removes it. Tab reaches its text, where Enter edits.
        </p>
      )}
      {!readOnly && (
        <Panel position="top-right" className="annotation-tools">
          <button type="button" className="btn btn--small" onClick={() => commit(addNote(annotations, centre()).annotations)} title="Add a sticky note at the centre of the view">
            + Note
          </button>
          <button type="button" className="btn btn--small" onClick={() => commit(addFrame(annotations, { x: centre().x - 160, y: centre().y - 100, width: 320, height: 200 }).annotations)} title="Add a labelled frame to group nodes">
            + Frame
          </button>
        </Panel>
      )}
    </>
  );
}
