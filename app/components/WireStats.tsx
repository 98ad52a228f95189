'use client';
// Hovering a wire during or after a run shows the statistics of the tensor it
// carries: from the last Step (that step's training batch) when there is one,
// else the live held-out statistics. Only a hovered wire subscribes to the run.
import { createContext, useContext } from 'react';
import { formatValue } from '../lib/format';
import type { RunStore } from '../lib/run-store';
import { useRun } from '../lib/use-run';
import './WireStats.css';

/** The run the canvas's wires read their statistics from. */
export const WireStatsContext = createContext<RunStore | null>(null);

interface TipProps {
  nodeId: string;
  port: string;
  x: number;
  y: number;
}

function Tip({ store, nodeId, port, x, y }: TipProps & { store: RunStore }) {
  const step = useRun(store, (s) => s.stepStats);
  const live = useRun(store, (s) => s.nodeStats);
  const fromStep = step?.stats[nodeId]?.[port];
  const p = fromStep ?? live?.stats[nodeId]?.[port];
  if (!p) return null;
  const where = fromStep ? `step ${step!.step}, training batch` : `step ${live!.step}, held-out samples`;
  return (
    <div className="wire-stats" data-testid="wire-stats" role="tooltip" style={{ transform: `translate(-50%, 0) translate(${x}px, ${y + 14}px)` }}>
      <div className="wire-stats__title">
        {nodeId}.{port} <span>{where}</span>
      </div>
      <dl>
        <dt>mean</dt>
        <dd>{formatValue(p.mean)}</dd>
        <dt>std</dt>
        <dd>{formatValue(p.std)}</dd>
        <dt>min</dt>
        <dd>{formatValue(p.min)}</dd>
        <dt>max</dt>
        <dd>{formatValue(p.max)}</dd>
        <dt>dead</dt>
        <dd>{(p.dead * 100).toFixed(0)}%</dd>
      </dl>
    </div>
  );
}

export function WireStatsTip(props: TipProps) {
  const store = useContext(WireStatsContext);
  return store ? <Tip store={store} {...props} /> : null;
}
