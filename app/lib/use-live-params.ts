'use client';
// Parameters edited while the canvas's graph trains (typically between two
// Steps) go to the worker, which applies them from the next step when the
// weights keep their shapes (engine/runtime/live-params.ts) and says what it
// did in a `live` event. Moving nodes or renaming the graph sends nothing.
import { useCallback, useEffect, useRef } from 'react';
import type { Graph } from '../../engine/graph';

/** What a live edit can change: params, wiring and the training settings. */
export function liveKey(g: Graph): string {
  return JSON.stringify([g.nodes.map((n) => [n.id, n.type, n.params]), g.edges.map((e) => [e.from, e.to]), g.meta.train]);
}

/**
 * Sends `graph` to the run (debounced) whenever its live key changes while `live` is true;
 * `live` is true only while the canvas's own graph is training or paused. The returned
 * flush sends a pending edit at once (before a Step, so the edit applies to that step).
 */
export function useLiveParams(graph: Graph, live: boolean, send: (g: Graph) => void): () => void {
  const key = liveKey(graph);
  const base = useRef<string | null>(null);
  const pending = useRef<{ key: string; graph: Graph } | null>(null);
  const flush = useCallback(() => {
    const p = pending.current;
    pending.current = null;
    if (!p) return;
    base.current = p.key;
    send(p.graph);
  }, [send]);
  useEffect(() => {
    pending.current = null;
    if (!live) {
      base.current = null;
      return;
    }
    // the graph the run started from is not an edit
    if (base.current === null) base.current = key;
    if (key === base.current) return;
    pending.current = { key, graph };
    const t = setTimeout(flush, 150);
    return () => clearTimeout(t);
  }, [key, live, graph, flush]);
  return flush;
}
