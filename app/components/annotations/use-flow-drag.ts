'use client';
// A pointer drag measured in flow units (screen pixels / zoom), shown live as a
// delta and committed once on release: one drag, one undo entry. A press that
// does not move is a click (double-click renames), not a drag. The pointer is
// captured at once, so a fast move cannot leave the handle behind; clicks then
// land on the handle itself, which is where the double-click is handled.
import { useRef, useState, type PointerEvent } from 'react';

/** Screen pixels a press may wander before it counts as a drag. */
const SLOP = 3;

export function useFlowDrag(zoom: number, onEnd: (dx: number, dy: number) => void, disabled = false) {
  const [delta, setDelta] = useState<{ dx: number; dy: number } | null>(null);
  const start = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const at = (e: PointerEvent) => ({ dx: (e.clientX - start.current!.x) / zoom, dy: (e.clientY - start.current!.y) / zoom });
  const end = (e: PointerEvent) => {
    const s = start.current;
    if (!s) return;
    const d = at(e);
    start.current = null;
    setDelta(null);
    if (s.moved) onEnd(d.dx, d.dy);
  };
  return {
    delta,
    handlers: {
      onPointerDown(e: PointerEvent) {
        if (disabled || e.button !== 0) return;
        // the canvas must not start a selection or a node drag under an annotation's handle
        e.stopPropagation();
        e.currentTarget.setPointerCapture(e.pointerId);
        start.current = { x: e.clientX, y: e.clientY, moved: false };
      },
      onPointerMove(e: PointerEvent) {
        const s = start.current;
        if (!s) return;
        if (!s.moved && Math.hypot(e.clientX - s.x, e.clientY - s.y) < SLOP) return;
        s.moved = true;
        setDelta(at(e));
      },
      onPointerUp: end,
      onPointerCancel: end,
    },
  };
}
