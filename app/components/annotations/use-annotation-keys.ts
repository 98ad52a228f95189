'use client';
// The keys of a focused note or frame, as for a node. Arrow keys move it by
// React Flow's step (5 flow units a press, 4× with Shift), each burst of
// presses one undo entry (app/lib/key-burst.ts), and the new position is read
// out in React Flow's live region, as it is for a node. A frame moves alone, as
// when its label is dragged: the nodes drawn over it stay where they are. A move
// that would carry it past the pane's edge pans the view along (use-keep-in-view.ts).
// Delete or Backspace on the note or frame itself removes it (not the selected
// nodes) and hands focus to the next note or frame, else to the canvas.
import { useStoreApi } from '@xyflow/react';
import { useState, type KeyboardEvent } from 'react';
import type { AnnotationKind } from '../../lib/annotations';
import { keyBurst } from '../../lib/key-burst';
import { isTextTarget } from '../../lib/shortcuts';
import { useKeepInView } from '../canvas/use-keep-in-view';

const STEP = 5;
const SHIFT_FACTOR = 4;
const ARROWS: Record<string, { x: number; y: number; word: string }> = {
  ArrowLeft: { x: -1, y: 0, word: 'left' },
  ArrowRight: { x: 1, y: 0, word: 'right' },
  ArrowUp: { x: 0, y: -1, word: 'up' },
  ArrowDown: { x: 0, y: 1, word: 'down' },
};

/** Every focusable note and frame, in Tab order. */
export const ANNOTATION_STOPS = '.annotation-note[tabindex], .annotation-frame--chrome[tabindex]';

export interface AnnotationKeyActions {
  /** Applies the step with its undo group and returns where the note or frame went. */
  move(dx: number, dy: number, group: string): { x: number; y: number } | null;
  remove(): void;
}

/** The focus a removed note or frame hands on: the next one, else the one before, else the canvas's first node. */
function focusAfterRemoving(el: HTMLElement) {
  const stops = [...document.querySelectorAll<HTMLElement>(ANNOTATION_STOPS)];
  const i = stops.indexOf(el);
  const next = stops[i + 1] ?? stops[i - 1] ?? document.querySelector<HTMLElement>('.studio__canvas .react-flow__node');
  requestAnimationFrame(() => next?.focus());
}

export function useAnnotationKeys() {
  const store = useStoreApi();
  const [group] = useState(() => keyBurst('annotation-keys'));
  const reveal = useKeepInView();
  return (kind: AnnotationKind, id: string, act: AnnotationKeyActions) => (e: KeyboardEvent<HTMLElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || isTextTarget(e.target)) return;
    if ((e.key === 'Delete' || e.key === 'Backspace') && e.target === e.currentTarget) {
      e.preventDefault();
      // React Flow deletes the selected nodes on the same key, from a listener beside React's
      e.stopPropagation();
      e.nativeEvent.stopImmediatePropagation();
      focusAfterRemoving(e.currentTarget);
      act.remove();
      store.setState({ ariaLiveMessage: `Deleted the ${kind}. Ctrl+Z brings it back.` });
      return;
    }
    const dir = ARROWS[e.key];
    if (!dir) return;
    e.preventDefault();
    e.stopPropagation();
    const step = STEP * (e.shiftKey ? SHIFT_FACTOR : 1);
    const at = act.move(dir.x * step, dir.y * step, group(`${kind}:${id}`));
    if (!at) return;
    store.setState({ ariaLiveMessage: `Moved ${kind} ${dir.word}. New position, x: ${at.x}, y: ${at.y}` });
    const box = e.currentTarget.getBoundingClientRect();
    const zoom = store.getState().transform[2];
    reveal({ x: at.x, y: at.y, width: box.width / zoom, height: box.height / zoom });
  };
}
