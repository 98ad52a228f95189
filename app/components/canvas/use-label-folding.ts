'use client';
// Wire labels never hide under a node or another label: after every layout
// change (nodes, wires, pan, zoom) the labels are measured on screen and any
// that overlaps a node or an earlier label is folded to a dot that shows the
// full label on hover (CSS: .edge-label[data-folded]). A folded label keeps its
// box, so folding cannot change the answer and nothing flickers. React Flow moves
// labels and resizes nodes after measuring them, with no change to our nodes,
// wires or transform: a label or node changing its style or size folds again too
// (coalesced to one pass a frame).
import { useStore } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';

type Box = { left: number; top: number; right: number; bottom: number };

const hit = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Which labels to fold: those overlapping a node, or a label kept before them. Pure, for the test. */
export function foldLabels(labels: readonly Box[], nodes: readonly Box[]): boolean[] {
  const kept: Box[] = [];
  return labels.map((l) => {
    const fold = nodes.some((n) => hit(l, n)) || kept.some((k) => hit(l, k));
    if (!fold) kept.push(l);
    return fold;
  });
}

export function useLabelFolding(root: RefObject<HTMLElement | null>, deps: readonly unknown[]) {
  const transform = useStore((s) => s.transform.join(','));
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    let frame = 0;
    const fold = () => {
      frame = 0;
      const labels = [...el.querySelectorAll<HTMLElement>('.edge-label')];
      const nodes = [...el.querySelectorAll<HTMLElement>('.react-flow__node')];
      const folds = foldLabels(
        labels.map((l) => l.getBoundingClientRect()),
        nodes.map((n) => n.getBoundingClientRect()),
      );
      labels.forEach((l, i) => {
        if (folds[i]) l.dataset.folded = '';
        else delete l.dataset.folded;
      });
      // observing a node again would report its size again and fold forever: each node once
      for (const n of nodes) {
        if (watched.has(n)) continue;
        watched.add(n);
        sizes.observe(n);
      }
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(fold);
    };
    // data-folded is not watched: folding cannot wake itself
    const moves = new MutationObserver(schedule);
    moves.observe(el, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] });
    const sizes = new ResizeObserver(schedule);
    const watched = new WeakSet<Element>();
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      moves.disconnect();
      sizes.disconnect();
    };
    // deps: the caller's nodes and edges; the transform covers pan and zoom
  }, [root, transform, ...deps]);
}
