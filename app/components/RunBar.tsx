'use client';
// Run controls and the live run status: which backend actually runs (the
// user asked for "auto"; the worker reports what it got and why faster ones
// were skipped), the state, the step counter and the speed.
import { useState } from 'react';
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
  /** Step mode: train `n` steps (starting a run when none is paused), then pause. */
  onStep(n: number): void;
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

export function RunBar({ run, backend, onBackend, backendFixed, canTrain, onTrain, onPause, onResume, onStop, onStep }: RunBarProps) {
  const active = isActive(run.state);
  const [stepN, setStepN] = useState(10);
  const canStep = run.state === 'paused' || (!active && canTrain);
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
        <button type="button" className="btn btn--icon" onClick={onStop} disabled={!active} aria-label="Stop" title="Stop (reset: the next Train or Step starts from fresh weights)">
          <StopIcon />
        </button>
        <span className="runbar__step-mode">
          <button type="button" className="btn" onClick={() => onStep(1)} disabled={!canStep} title="Run exactly one training step, then pause: the inspector shows that step's output statistics and gradient norms">
            Step
          </button>
          <button type="button" className="btn" onClick={() => onStep(stepN)} disabled={!canStep} title={`Run ${stepN} training steps, then pause`}>
            Step ×{stepN}
          </button>
          <input
            type="number"
            className="input-sm runbar__step-n"
            min={1}
            max={1000}
            value={stepN}
            aria-label="Steps per Step ×N"
            onChange={(e) => setStepN(Math.max(1, Math.min(1000, Math.floor(Number(e.target.value)) || 1)))}
          />
        </span>
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
            {run.threads ? <span className="runbar__threads" data-testid="threads">{` · ${run.threads} thread${run.threads > 1 ? 's' : ''}`}</span> : null}
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
      {run.backendWhy && (
        <p className="runbar__why" data-testid="backend-why">
          {run.backendWhy}
        </p>
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
