'use client';
// The queue, visible while it works: one line per graph with its state and a
// progress bar, Cancel while it runs, Dismiss once it is done.
import type { QueueState } from '../../lib/runs/queue';
import './RunQueueCard.css';

const STATUS_TEXT: Record<string, string> = {
  queued: 'queued',
  running: 'training',
  finished: 'done',
  stopped: 'stopped',
  failed: 'failed',
  interrupted: 'interrupted',
  cancelled: 'cancelled',
};

interface RunQueueCardProps {
  queue: QueueState;
  onCancel(): void;
  onRemove(key: string): void;
  onDismiss(): void;
  onCompare(): void;
  canCompare: boolean;
}

export function RunQueueCard({ queue, onCancel, onRemove, onDismiss, onCompare, canCompare }: RunQueueCardProps) {
  const items = queue.items;
  const done = items.filter((i) => i.status !== 'queued' && i.status !== 'running').length;
  return (
    <section className="rq" aria-label="Run queue" data-testid="run-queue" data-running={queue.running}>
      <header className="rq__head">
        <strong>Queue</strong>
        <span className="rq__count">
          {done} of {items.length} done
        </span>
        <span className="rq__spacer" />
        {queue.running ? (
          <button type="button" className="btn btn--small btn--danger" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          <>
            {canCompare && (
              <button type="button" className="btn btn--small" onClick={onCompare}>
                Compare
              </button>
            )}
            <button type="button" className="btn btn--small btn--ghost" onClick={onDismiss}>
              Dismiss
            </button>
          </>
        )}
      </header>
      <ol className="rq__list">
        {items.map((i) => {
          const frac = i.status === 'finished' ? 1 : i.stepBudget > 0 ? Math.min(1, i.step / i.stepBudget) : 0;
          return (
            <li key={i.key} className={`rq__item rq__item--${i.status}`} data-status={i.status} title={i.error ?? undefined}>
              <div className="rq__line">
                <span className="rq__name">{i.name}</span>
                <span className="rq__state">
                  {STATUS_TEXT[i.status] ?? i.status}
                  {i.status === 'running' && ` · ${i.step}/${i.stepBudget}`}
                </span>
                {i.status === 'queued' && (
                  <button type="button" className="toast__close" aria-label={`Remove ${i.name} from the queue`} onClick={() => onRemove(i.key)}>
                    ×
                  </button>
                )}
              </div>
              <div className="rq__bar" role="progressbar" aria-label={`${i.name} progress`} aria-valuemin={0} aria-valuemax={i.stepBudget} aria-valuenow={i.status === 'finished' ? i.stepBudget : i.step}>
                <div style={{ width: `${frac * 100}%` }} />
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
