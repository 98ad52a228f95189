'use client';
// Wire labels never hide under a node or another label: after every layout
// change (nodes, wires, pan, zoom) the labels are measured on screen and any
// that overlaps a node or an earlier label is folded to a dot that shows the
// full label on hover (CSS: .edge-label[data-folded]). A folded label keeps its
// box, so folding cannot change the answer and nothing flickers.
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
    const id = requestAnimationFrame(() => {
      const el = root.current;
      if (!el) return;
      const labels = [...el.querySelectorAll<HTMLElement>('.edge-label')];
      const nodes = [...el.querySelectorAll<HTMLElement>('.react-flow__node')].map((n) => n.getBoundingClientRect());
      const folds = foldLabels(
        labels.map((l) => l.getBoundingClientRect()),
        nodes,
      );
      labels.forEach((l, i) => {
        if (folds[i]) l.dataset.folded = '';
        else delete l.dataset.folded;
      });
    });
    return () => cancelAnimationFrame(id);
    // deps: the caller's nodes and edges; the transform covers pan and zoom
  }, [root, transform, ...deps]);
}
