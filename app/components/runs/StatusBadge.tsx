'use client';
// A run's status as a small coloured word: finished, stopped, failed, interrupted, running.
import type { RunStatus } from '../../lib/runs/record';
import './StatusBadge.css';

const TEXT: Record<RunStatus, string> = {
  running: 'running',
  finished: 'finished',
  stopped: 'stopped',
  failed: 'failed',
  interrupted: 'interrupted',
};

export function StatusBadge({ status, title }: { status: RunStatus; title?: string }) {
  return (
    <span className={`run-status run-status--${status}`} data-status={status} title={title}>
      {TEXT[status]}
    </span>
  );
}
