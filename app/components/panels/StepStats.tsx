'use client';
// Step mode in the inspector: for the last step taken with Step, the selected
// node's outputs on that step's training batch and the gradient norm of each
// of its weight tensors (what the optimizer received in that step).
import { memo } from 'react';
import { formatValue } from '../../lib/format';
import type { RunStore } from '../../lib/run-store';
import { useRun } from '../../lib/use-run';
import { PortStatsTable } from './NodeStats';
import './NodeStats.css';

interface StepStatsProps {
  store: RunStore;
  nodeId: string;
  outputs: readonly { id: string; label: string; type: string }[];
}

function StepStatsView({ store, nodeId, outputs }: StepStatsProps) {
  const s = useRun(store, (x) => x.stepStats);
  if (!s) return null;
  const ports = s.stats[nodeId];
  const grads = s.grads.filter((g) => g.nodeId === nodeId);
  const phases = new Set(s.grads.map((g) => g.phase)).size > 1;
  return (
    <div className="node-stats" data-testid="step-stats" data-step={s.step}>
      <h3 className="inspector__h">
        This step <span className="node-stats__step">step {s.step}, training batch</span>
      </h3>
      {ports && <PortStatsTable ports={ports} outputs={outputs} deadTitle="Units that are zero for every sample of this batch" />}
      {grads.length > 0 ? (
        <table className="stats-table" data-testid="grad-norms">
          <thead>
            <tr>
              <th scope="col">weights</th>
              <th scope="col">shape</th>
              {phases && <th scope="col">phase</th>}
              <th scope="col" title="L2 norm of this tensor's gradient in this step, before the optimizer">‖grad‖</th>
            </tr>
          </thead>
          <tbody>
            {grads.map((g) => (
              <tr key={`${g.phase}:${g.name}`} data-tensor={g.name}>
                <th scope="row">{g.name}</th>
                <td>[{g.shape.join(', ')}]</td>
                {phases && <td>{g.phase}</td>}
                <td className={g.norm === 0 ? 'is-bad' : ''}>{formatValue(g.norm)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="node-stats__note">No trained weights of this node received a gradient in this step.</p>
      )}
    </div>
  );
}

export const StepStats = memo(StepStatsView);
