'use client';
// Run controls and the live run status: which backend actually runs (the
// user asked for "auto"; the worker reports what it got and why faster ones
// were skipped), the state, the step counter and the speed.
import type { BackendChoice } from '../../workers/protocol';
import { isActive, type RunSnapshot } from '../lib/run-store';
import { PauseIcon, PlayIcon, StopIcon } from './icons';
import './RunBar.css';

export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

interface RunBarProps {
  run: RunSnapshot;
  backend: BackendChoice;
  onBackend(b: BackendChoice): void;
  /** A classroom link fixed the backend. */
  backendFixed?: boolean;
  canTrain: boolean;
  onTrain(): void;
  onPause(): void;
  onResume(): void;
  onStop(): void;
}

const STATE_TEXT: Record<RunSnapshot['state'], string> = {
  idle: 'Ready',
  compiling: 'Compiling…',
  running: 'Training',
  paused: 'Paused',
  stopped: 'Stopped',
  done: 'Done',
  failed: 'Failed',
};

export function RunBar({ run, backend, onBackend, backendFixed, canTrain, onTrain, onPause, onResume, onStop }: RunBarProps) {
  const active = isActive(run.state);
  const progress = run.totalSteps > 0 ? Math.min(1, run.step / run.totalSteps) : 0;
  return (
    <div className="runbar">
      <div className="runbar__controls">
        <button type="button" className="btn btn--primary" onClick={onTrain} disabled={!canTrain || active}>
          <PlayIcon /> Train
        </button>
        {run.state === 'paused' ? (
          <button type="button" className="btn btn--icon" onClick={onResume} aria-label="Resume" title="Resume">
            <PlayIcon />
          </button>
        ) : (
          <button type="button" className="btn btn--icon" onClick={onPause} disabled={run.state !== 'running'} aria-label="Pause" title="Pause">
            <PauseIcon />
          </button>
        )}
        <button type="button" className="btn btn--icon" onClick={onStop} disabled={!active} aria-label="Stop" title="Stop">
          <StopIcon />
        </button>
        <label className="runbar__backend" title="Which TensorFlow.js backend the worker should use; auto takes the fastest available">
          <span>Backend</span>
          <select value={backend} onChange={(e) => onBackend(e.target.value as BackendChoice)} disabled={active || backendFixed} aria-label="Backend">
            {BACKEND_CHOICES.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="runbar__status" aria-live="polite">
        <span className={`state state--${run.state}`} data-testid="run-state">
          {STATE_TEXT[run.state]}
        </span>
        {run.backend && (
          <span className="runbar__on">
            on{' '}
            <span className={`badge badge--${run.backend}`} data-testid="backend" title={run.skipped.length ? `Skipped: ${run.skipped.join('; ')}` : 'The first choice was available'}>
              {run.backend}
            </span>
          </span>
        )}
        {run.state !== 'idle' && (
          <span className="runbar__step" data-testid="step">
            step {run.step}
            {run.totalSteps ? ` / ${run.totalSteps}` : ''}
          </span>
        )}
        {run.stepsPerSec !== null && run.stepsPerSec > 0 && <span className="runbar__speed">{run.stepsPerSec >= 10 ? run.stepsPerSec.toFixed(0) : run.stepsPerSec.toFixed(2)} steps/s</span>}
      </div>
      {run.state !== 'idle' && (
        <div className="progress" role="progressbar" aria-label="Training progress" aria-valuemin={0} aria-valuemax={run.totalSteps} aria-valuenow={run.step}>
          <div className={`progress__bar progress__bar--${run.state}`} style={{ width: `${progress * 100}%` }} />
        </div>
      )}
      {run.skipped.length > 0 && (
        <ul className="runbar__skipped" aria-label="Backends skipped">
          {run.skipped.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
