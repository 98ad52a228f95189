'use client';
// React Flow's node changes (moves, sizes, selection) as store actions, with
// the undo grouping a user expects: one entry per drag, and one per burst of
// arrow-key moves (app/lib/key-burst.ts). A pause, a click or a drag starts a new entry.
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { useCallback, useRef, useState } from 'react';
import type { Size, StudioAction } from '../../lib/graph-store';
import { keyBurst } from '../../lib/key-burst';
import type { StudioFlowNode } from '../FlowNode';
import type { StudioFlowEdge } from '../TypedEdge';

export function useNodeChanges(dispatch: (a: StudioAction) => void) {
  const drag = useRef({ count: 0, active: false });
  const [keyGroup] = useState(() => keyBurst('keys'));

  const onNodesChange = useCallback(
    (changes: NodeChange<StudioFlowNode>[]) => {
      let dragging: boolean | undefined;
      const moves: { id: string; x: number; y: number }[] = [];
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
      if (dragging === false) drag.current.active = false;
      if (sel.length) dispatch({ type: 'selectDelta', nodes: sel, edges: [] });
    },
    [dispatch, keyGroup],
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
