// User Timing marks of a run's start, as the page receives it: `latent:train` (train()
// called), `latent:backend` (data loaded and backend started; its detail: the worker's
// split of that time), `latent:running` (compiled), `latent:views0` (each view of the
// untrained model) and `latent:metrics` (the first step's losses). They show in DevTools'
// Performance panel, and bench/ttfs.ts reads them for its time-to-first-step breakdown.
import type { TrainEvent } from '../../workers/protocol';

const MARKS = ['latent:train', 'latent:backend', 'latent:running', 'latent:views0', 'latent:metrics'];

/** Marks the run starting now; returns its event handler, which marks the milestones as they arrive. */
export function markRunStart(onEvent: (e: TrainEvent) => void): (e: TrainEvent) => void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return onEvent;
  for (const m of MARKS) performance.clearMarks(m);
  performance.mark('latent:train');
  let first = true;
  let running = false;
  return (e) => {
    if (first) {
      if (e.type === 'backend') performance.mark('latent:backend', { detail: e.startMs ?? null });
      else if (e.type === 'state' && e.state === 'running' && !running) {
        running = true;
        performance.mark('latent:running');
      } else if (e.type === 'metrics') {
        first = false;
        performance.mark('latent:metrics');
      } else if (running && 'step' in e && e.step === 0) performance.mark('latent:views0');
    }
    onEvent(e);
  };
}
