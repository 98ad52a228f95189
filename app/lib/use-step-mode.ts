'use client';
// Train and Step for the canvas's graph. Step starts a run that pauses after
// n steps, or steps a paused run on; while the canvas's own graph trains, its
// edited params go to the worker for the next step (use-live-params.ts). Runs
// the queue starts train other graphs and get no edits.
import { useCallback, useState } from 'react';
import type { Graph } from '../../engine/graph';
import type { RunState } from '../../engine/events';
import type { TrainOptions } from '../../workers/protocol';
import type { TrainerClient } from './trainer-client';
import { useLiveParams } from './use-live-params';

interface StepModeArgs {
  graph: Graph;
  runState: RunState;
  canTrain: boolean;
  getClient(): TrainerClient;
  trainGraph(g: Graph, backend: undefined, extra: Omit<TrainOptions, 'backend'>): unknown;
}

export function useStepMode({ graph, runState, canTrain, getClient, trainGraph }: StepModeArgs) {
  const [canvasRun, setCanvasRun] = useState(false);
  const send = useCallback((g: Graph) => getClient().setGraph(g), [getClient]);
  const flush = useLiveParams(graph, canvasRun && (runState === 'running' || runState === 'paused'), send);
  const start = useCallback(
    (extra: Omit<TrainOptions, 'backend'>) => {
      if (!canTrain) return;
      void trainGraph(graph, undefined, extra);
      setCanvasRun(true);
    },
    [canTrain, graph, trainGraph],
  );
  const train = useCallback(() => start({}), [start]);
  const step = useCallback(
    (n: number) => {
      if (runState === 'paused') {
        flush();
        getClient().step(n);
      } else start({ pauseAfter: n });
    },
    [runState, getClient, start, flush],
  );
  /** Another graph started training (the run queue): its run takes no canvas edits. */
  const otherRun = useCallback(() => setCanvasRun(false), []);
  return { train, step, otherRun };
}
