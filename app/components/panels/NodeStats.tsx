'use client';
// Live statistics of the selected node's outputs, in the inspector: mean, std,
// range and the share of dead units (zero for every held-out sample, e.g. ReLUs
// that never fire), computed by the worker on 256 held-out samples.
import { memo } from 'react';
import { formatValue } from '../../lib/format';
import type { RunStore } from '../../lib/run-store';
import type { PortStats } from '../../../workers/protocol';
import { useRun } from '../../lib/use-run';
import './NodeStats.css';

interface NodeStatsProps {
  store: RunStore;
  nodeId: string;
  /** The node type's output ports (a stable array from the registry), for their labels. */
  outputs: readonly { id: string; label: string; type: string }[];
}

/** mean, std, range and dead units of each output port. */
export function PortStatsTable({ ports, outputs, deadTitle }: { ports: Record<string, PortStats>; outputs: NodeStatsProps['outputs']; deadTitle: string }) {
  return (
    <table className="stats-table">
      <thead>
        <tr>
          <th scope="col">output</th>
          <th scope="col">mean</th>
          <th scope="col">std</th>
          <th scope="col">min</th>
          <th scope="col">max</th>
          <th scope="col" title={deadTitle}>dead</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(ports).map(([port, p]) => (
          <tr key={port} data-port={port}>
            <th scope="row">{outputs.find((o) => o.id === port)?.label ?? port}</th>
            <td>{formatValue(p.mean)}</td>
            <td>{formatValue(p.std)}</td>
            <td>{formatValue(p.min)}</td>
            <td>{formatValue(p.max)}</td>
            {/* a scalar has no units to be dead */}
            {outputs.find((o) => o.id === port)?.type === 'scalar' ? <td>–</td> : <td className={p.dead > 0.25 ? 'is-bad' : ''}>{(p.dead * 100).toFixed(0)}%</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NodeStatsView({ store, nodeId, outputs }: NodeStatsProps) {
  const stats = useRun(store, (s) => s.nodeStats);
  const ports = stats?.stats[nodeId];
  if (!stats) return null;
  return (
    <div className="node-stats" data-testid="node-stats" data-step={stats.step} data-ports={ports ? Object.keys(ports).length : 0}>
      <h3 className="inspector__h">
        Live statistics <span className="node-stats__step">step {stats.step}</span>
      </h3>
      {!ports ? (
        <p className="inspector__doc inspector__muted">This node has no numeric output to measure.</p>
      ) : (
        <PortStatsTable ports={ports} outputs={outputs} deadTitle="Units that are zero for every held-out sample" />
      )}
      <p className="node-stats__note">On 256 held-out samples, refreshed every “Images every” steps.</p>
    </div>
  );
}

export const NodeStats = memo(NodeStatsView);
