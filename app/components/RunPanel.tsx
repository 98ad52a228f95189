'use client';
// The run's controls and its status in one column: why Train is blocked,
// what went wrong, and a warning when the embedding collapses. The curves and
// pictures live in the training views under the canvas (panels/).
import type { GraphIssue } from '../../engine/types';
import type { BackendChoice } from '../../workers/protocol';
import type { RunStore } from '../lib/run-store';
import { useRun } from '../lib/use-run';
import { WarningIcon } from './icons';
import { RunBar } from './RunBar';
import './RunPanel.css';

interface RunPanelProps {
  store: RunStore;
  backend: BackendChoice;
  onBackend(b: BackendChoice): void;
  backendFixed?: boolean;
  /** Errors that keep the graph from training (validation plus "add a loss"). */
  blocking: GraphIssue[];
  onTrain(): void;
  onPause(): void;
  onResume(): void;
  onStop(): void;
  onStep(n: number): void;
}

/** One line per distinct message: five unconnected decoders are one problem to read, not five. */
function distinct(issues: GraphIssue[]): { message: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const i of issues) counts.set(i.message, (counts.get(i.message) ?? 0) + 1);
  return [...counts].map(([message, count]) => ({ message, count }));
}

/** Shown while the latest collapse monitor says the embedding has collapsed. */
function CollapseWarning({ store }: { store: RunStore }) {
  const collapse = useRun(store, (s) => s.collapse);
  if (!collapse?.warning) return null;
  // "Collapse: the normalised …" reads as a title and its explanation
  const w = collapse.warning;
  const colon = w.indexOf(': ');
  const [kind, why] = colon > 0 && colon < 40 ? [w.slice(0, colon), w.slice(colon + 2)] : ['Collapse', w];
  return (
    <div className="collapse-warning" role="alert" data-testid="collapse-warning" data-step={collapse.step}>
      <WarningIcon />
      <div>
        <strong>
          {kind} at step {collapse.step}:
        </strong>{' '}
        {why}
      </div>
    </div>
  );
}

/** What a parameter change made during the run did: applied from a step, or refused. */
function LiveNote({ store }: { store: RunStore }) {
  const live = useRun(store, (s) => s.live);
  if (!live || (!live.refused && live.applied.length === 0)) return null;
  return live.refused ? (
    <p className="live-note is-refused" role="status" data-testid="live-note">
      Not applied: {live.refused}.
    </p>
  ) : (
    <p className="live-note" role="status" data-testid="live-note">
      From step {live.step}: {live.applied.join(', ')}
    </p>
  );
}

export function RunPanel({ store, backend, onBackend, backendFixed, blocking, onTrain, onPause, onResume, onStop, onStep }: RunPanelProps) {
  // the status line changes with every logged step; the store publishes at most ~10 times a second
  const run = useRun(store, (s) => s);
  const lines = distinct(blocking);
  return (
    <section className="run panel" aria-label="Training">
      <RunBar run={run} backend={backend} onBackend={onBackend} backendFixed={backendFixed} canTrain={blocking.length === 0} onTrain={onTrain} onPause={onPause} onResume={onResume} onStop={onStop} onStep={onStep} />
      <LiveNote store={store} />
      {lines.length > 0 && (
        <div className="blocked" data-testid="train-blocked">
          <p className="blocked__title">Fix {blocking.length === 1 ? 'this' : `these ${blocking.length} problems`} to train:</p>
          <ul>
            {lines.slice(0, 8).map((l) => (
              <li key={l.message}>
                {l.message}
                {l.count > 1 && <span className="blocked__count"> ×{l.count}</span>}
              </li>
            ))}
            {lines.length > 8 && <li>… and {lines.length - 8} more (marked on the nodes)</li>}
          </ul>
        </div>
      )}
      {run.issues.some((i) => i.nodeIds.length === 0) && (
        <ul className="run-issues" aria-label="Problems the run reported">
          {run.issues
            .filter((i) => i.nodeIds.length === 0)
            .map((i, n) => (
              <li key={n} className={`issue issue--${i.severity}`}>
                {i.message}
              </li>
            ))}
        </ul>
      )}
      {run.error && (
        <div className="run-error" role="alert" data-testid="run-error">
          <strong>The run failed.</strong> {run.error}
        </div>
      )}
      <CollapseWarning store={store} />
    </section>
  );
}
