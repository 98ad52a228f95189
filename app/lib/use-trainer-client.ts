'use client';
// The studio's one TrainerClient: made on first use, warmed while the page is idle, ended
// with the page. Warming (TrainerClient.warm) starts the worker, its backend and the
// graph's dataset, and runs one silent step of the graph, while the user is still looking
// at the canvas, so pressing Train goes straight to compiling and the first step. It runs
// again once the graph has stood unedited for a moment (a preset opened, a node added).
import { useCallback, useEffect, useRef } from 'react';
import type { Graph } from '../../engine/graph';
import type { BackendChoice } from '../../workers/protocol';
import { TrainerClient } from './trainer-client';

/** The graph unedited this long (and the page's own start done) before the worker warms to it. */
const WARM_AFTER_MS = 600;

/** `structure`: the graph's structure key (analysis.ts): a change warms the worker again. */
export function useTrainerClient(ready: boolean, graph: Graph, structure: string, backend: BackendChoice): () => TrainerClient {
  const client = useRef<TrainerClient | null>(null);
  const getClient = useCallback(() => (client.current ??= new TrainerClient()), []);
  const latest = useRef(graph);
  useEffect(() => {
    latest.current = graph;
  });
  useEffect(() => () => client.current?.dispose(), []);
  useEffect(() => {
    if (!ready) return;
    let idle: number | null = null;
    const timer = setTimeout(() => {
      const warm = () => getClient().warm(latest.current, backend);
      if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(warm, { timeout: 2000 });
      else warm();
    }, WARM_AFTER_MS);
    return () => {
      clearTimeout(timer);
      if (idle !== null) cancelIdleCallback(idle);
    };
  }, [ready, structure, backend, getClient]);
  return getClient;
}
