'use client';
// Keeps keyboard work in view (use-keep-in-view.ts): Tab onto a node, note or
// frame outside the pane pans it in, and a node added by quick add or pasted
// where it would land past an edge is brought on screen once React Flow has
// measured it. Focus that a pointer gave is left alone: a click never pans.
import { useStore, useStoreApi } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useStudio } from '../../lib/graph-store';
import { unionRect } from '../../lib/keep-in-view';
import { ANNOTATION_STOPS } from '../annotations/use-annotation-keys';
import { flowRectOf, useKeepInView } from './use-keep-in-view';

const ITEMS = `.react-flow__node, ${ANNOTATION_STOPS}`;
/** A reveal asked for nodes that never render (a refused paste) is dropped after this. */
const ASK_EXPIRES_MS = 2000;

let revealAsked: (() => void) | null = null;
/** After an edit that selects new nodes (quick add, paste, duplicate): show them once they are measured. */
export function requestReveal() {
  revealAsked?.();
}

function useRevealOnFocus(reveal: ReturnType<typeof useKeepInView>) {
  const domNode = useStore((s) => s.domNode);
  const store = useStoreApi();
  useEffect(() => {
    if (!domNode) return;
    let byKey = false;
    const key = () => (byKey = true);
    const pointer = () => (byKey = false);
    const focus = (e: FocusEvent) => {
      const item = byKey && e.target instanceof Element ? e.target.closest(ITEMS) : null;
      if (!item || !domNode.contains(item)) return;
      // the browser scrolls the wrapper to show what took focus and React Flow scrolls it
      // back on the scroll event: measure once that is over
      requestAnimationFrame(() => reveal(flowRectOf(item, domNode, store.getState().transform)));
    };
    window.addEventListener('keydown', key, true);
    window.addEventListener('pointerdown', pointer, true);
    domNode.addEventListener('focusin', focus);
    return () => {
      window.removeEventListener('keydown', key, true);
      window.removeEventListener('pointerdown', pointer, true);
      domNode.removeEventListener('focusin', focus);
    };
  }, [domNode, reveal, store]);
}

function useRevealRequests(reveal: ReturnType<typeof useKeepInView>) {
  const { state } = useStudio();
  const [asked, ask] = useState(0);
  const owed = useRef({ asked: 0, until: 0 });
  useEffect(() => {
    const fn = () => ask((n) => n + 1);
    revealAsked = fn;
    return () => {
      if (revealAsked === fn) revealAsked = null;
    };
  }, []);
  useEffect(() => {
    if (asked === 0 || owed.current.asked === asked) return;
    if (owed.current.until === 0) owed.current.until = performance.now() + ASK_EXPIRES_MS;
    const done = () => {
      owed.current = { asked, until: 0 };
    };
    if (performance.now() > owed.current.until) {
      done();
      return;
    }
    const byId = new Map(state.graph.nodes.map((n) => [n.id, n.position]));
    const rects = state.selectedNodes.flatMap((id) => {
      const p = byId.get(id);
      const size = state.measured[id];
      return p && size ? [{ ...p, ...size }] : [];
    });
    // the new nodes are measured a render or two after they are added
    if (rects.length === 0 || rects.length < state.selectedNodes.length) return;
    done();
    reveal(unionRect(rects));
  }, [asked, state.graph.nodes, state.selectedNodes, state.measured, reveal]);
}

export function KeepInView() {
  const reveal = useKeepInView();
  useRevealOnFocus(reveal);
  useRevealRequests(reveal);
  return null;
}
