'use client';
// React Flow's node changes (moves, sizes, selection) as store actions, with
// the undo grouping a user expects: one entry per drag, and one per burst of
// arrow-key moves (app/lib/key-burst.ts). A pause, a click or a drag starts a new entry.
// An arrow-key move that would carry the focused node past the pane's edge pans the view along.
import { useReactFlow, type EdgeChange, type NodeChange } from '@xyflow/react';
import { useCallback, useRef, useState } from 'react';
import type { Size, StudioAction } from '../../lib/graph-store';
import { keyBurst } from '../../lib/key-burst';
import { unionRect } from '../../lib/keep-in-view';
import type { StudioFlowNode } from '../FlowNode';
import type { StudioFlowEdge } from '../TypedEdge';
import { useKeepInView } from './use-keep-in-view';

type Move = { id: string; x: number; y: number };

export function useNodeChanges(dispatch: (a: StudioAction) => void) {
  const drag = useRef({ count: 0, active: false });
  const [keyGroup] = useState(() => keyBurst('keys'));
  const rf = useReactFlow<StudioFlowNode, StudioFlowEdge>();
  const reveal = useKeepInView();
  // the node the keys act on is the focused one; the whole moved selection when focus is elsewhere
  const revealMoved = useCallback(
    (moves: Move[]) => {
      const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.react-flow__node')?.dataset.id;
      const shown = moves.some((m) => m.id === focused) ? moves.filter((m) => m.id === focused) : moves;
      const rects = shown.flatMap((m) => {
        const size = rf.getInternalNode(m.id)?.measured;
        return size?.width && size.height ? [{ x: m.x, y: m.y, width: size.width, height: size.height }] : [];
      });
      reveal(unionRect(rects));
    },
    [rf, reveal],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<StudioFlowNode>[]) => {
      let dragging: boolean | undefined;
      const moves: Move[] = [];
      const sizes: { id: string; size: Size }[] = [];
      const sel: { id: string; selected: boolean }[] = [];
      for (const c of changes) {
        if (c.type === 'position') dragging = dragging || c.dragging;
        if (c.type === 'position' && c.position) moves.push({ id: c.id, x: c.position.x, y: c.position.y });
        else if (c.type === 'dimensions' && c.dimensions) sizes.push({ id: c.id, size: { width: c.dimensions.width, height: c.dimensions.height } });
        else if (c.type === 'select') sel.push({ id: c.id, selected: c.selected });
        // 'remove' arrives through onDelete, together with the edges it takes along.
      }
      if (sizes.length) dispatch({ type: 'measure', sizes });
      if (dragging && !drag.current.active) drag.current = { count: drag.current.count + 1, active: true };
      let group: string | undefined;
      if (drag.current.active) group = `drag-${drag.current.count}`;
      else if (moves.length && dragging === false) {
        // a move that is not part of a drag: React Flow's arrow-key move of the selected nodes
        group = keyGroup();
      }
      if (moves.length) dispatch({ type: 'moveNodes', positions: moves, group });
      if (moves.length && group && !drag.current.active) revealMoved(moves);
      if (dragging === false) drag.current.active = false;
      if (sel.length) dispatch({ type: 'selectDelta', nodes: sel, edges: [] });
    },
    [dispatch, keyGroup, revealMoved],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<StudioFlowEdge>[]) => {
      const sel = changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : []));
      if (sel.length) dispatch({ type: 'selectDelta', nodes: [], edges: sel });
    },
    [dispatch],
  );

  return { onNodesChange, onEdgesChange };
}
