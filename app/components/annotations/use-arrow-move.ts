'use client';
// Arrow keys move a focused note or frame the way they move selected nodes:
// React Flow's step (5 flow units a press, 4× with Shift), each burst of
// presses one undo entry (app/lib/key-burst.ts), and the new position read out
// in React Flow's live region, as it does for a node. A frame moves alone, as
// when its label is dragged: the nodes drawn over it stay where they are.
import { useStoreApi } from '@xyflow/react';
import { useState, type KeyboardEvent } from 'react';
import type { AnnotationKind } from '../../lib/annotations';
import { keyBurst } from '../../lib/key-burst';
import { isTextTarget } from '../../lib/shortcuts';

const STEP = 5;
const SHIFT_FACTOR = 4;
const ARROWS: Record<string, { x: number; y: number; word: string }> = {
  ArrowLeft: { x: -1, y: 0, word: 'left' },
  ArrowRight: { x: 1, y: 0, word: 'right' },
  ArrowUp: { x: 0, y: -1, word: 'up' },
  ArrowDown: { x: 0, y: 1, word: 'down' },
};

export type ArrowMove = (dx: number, dy: number, group: string) => { x: number; y: number } | null;

/** A key handler for one annotation: `move` applies the step with its undo group and returns where it went. */
export function useArrowMove() {
  const store = useStoreApi();
  const [group] = useState(() => keyBurst('annotation-keys'));
  return (kind: AnnotationKind, id: string, move: ArrowMove) => (e: KeyboardEvent) => {
    const dir = ARROWS[e.key];
    // keys typed into the note's field are text; Ctrl/Alt+arrows belong to the browser
    if (!dir || e.ctrlKey || e.metaKey || e.altKey || isTextTarget(e.target)) return;
    e.preventDefault();
    e.stopPropagation();
    const step = STEP * (e.shiftKey ? SHIFT_FACTOR : 1);
    const at = move(dir.x * step, dir.y * step, group(`${kind}:${id}`));
    if (at) store.setState({ ariaLiveMessage: `Moved ${kind} ${dir.word}. New position, x: ${at.x}, y: ${at.y}` });
  };
}
