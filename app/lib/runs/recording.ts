// Records every run the trainer client starts (a tap on the client, so the
// studio's Train and the queue are recorded alike), saving the record while it
// trains so a closed tab loses at most the last few seconds; and trains the
// queue's items one at a time through the host, handing each item's name,
// preset and tags to the recording of the run it starts.
import type { Graph } from '../../../engine/graph';
import type { BackendChoice, TrainOptions } from '../../../workers/protocol';
import type { RunObserver } from '../trainer-client';
import type { RunsController } from './controller';
import { LiveRunSaver } from './live-saver';
import type { QueueItem, QueueOutcome, QueueRunner } from './queue';
import type { RunRecord } from './record';
import { RunRecorder } from './recorder';

/** What a queued item tells the recording of the run it starts. */
interface QueueMeta {
  key: string;
  name: string;
  preset: string | null;
  tags: string[];
  onStart(): void;
  onEnd(r: RunRecord): void;
}

/** Browser storage refused a write because it is full (IndexedDB aborts the write: the stored copy stays as it was). */
function isQuota(e: unknown): boolean {
  return (e as { name?: string })?.name === 'QuotaExceededError' || /quota/i.test((e as Error)?.message ?? '');
}

function message(e: unknown): string {
  return (e as Error)?.message || String(e);
}

export class RunRecording {
  private savers = new Map<string, LiveRunSaver>();
  /** The queue item whose run starts next: runs start one at a time, so the next run the client starts is this one. */
  private pending: QueueMeta | null = null;
  /** Runs recording in this tab (the studio's own Train included). */
  private active = 0;
  private idleWaiters: (() => void)[] = [];
  /** The queue was cancelled while waiting for another run to end: start nothing. */
  private stopWaiting = false;

  constructor(private readonly c: RunsController) {}

  /** Resolves when no run is recording (a queued run waits for the user's own run to end). */
  private waitIdle(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise<void>((r) => this.idleWaiters.push(r));
  }

  /** The RunQueue's runner: trains one item through the host and resolves with how it ended. */
  queueRunner(): QueueRunner {
    return {
      run: (item: QueueItem) =>
        new Promise<QueueOutcome>((resolve) => {
          let started = false;
          const meta: QueueMeta = {
            key: item.key,
            name: item.name,
            preset: item.preset,
            tags: item.tags,
            onStart: () => (started = true),
            onEnd: (r) => resolve({ runId: r.id, status: r.status === 'running' ? 'interrupted' : r.status, error: r.error }),
          };
          this.stopWaiting = false;
          void this.waitIdle()
            .then(() => {
              if (this.stopWaiting) return;
              this.pending = meta;
              return this.c.host.runGraph(item.graph, (item.backend as BackendChoice | null) ?? this.c.host.backend());
            })
            .then(
              () => {
                if (this.pending === meta) this.pending = null;
                if (!started) resolve({ runId: null, status: this.stopWaiting ? 'stopped' : 'failed', error: this.stopWaiting ? null : 'the run did not start' });
              },
              (e: unknown) => {
                if (this.pending === meta) this.pending = null;
                if (!started) resolve({ runId: null, status: 'failed', error: message(e) });
              },
            );
        }),
      stop: () => {
        this.stopWaiting = true;
        this.c.host.stop();
      },
    };
  }

  /** Starts recording a run the client is about to train. */
  start(graph: Graph, options: TrainOptions): RunObserver {
    const c = this.c;
    const meta = this.pending;
    this.pending = null;
    const id = c.env.newRunId();
    const recorder = new RunRecorder(
      {
        id,
        name: meta?.name ?? graph.meta.name,
        graph,
        backendChoice: options.backend,
        stepBudget: options.steps ?? graph.meta.train.steps,
        startedAt: c.env.now(),
        preset: meta?.preset ?? null,
        tags: meta?.tags ?? [],
      },
      c.env.now,
    );
    let told = false;
    let savedSteps = 0;
    const saver = new LiveRunSaver(
      recorder,
      (r) => {
        const steps = r.stepsDone;
        return c.history.save(r).then(() => ((savedSteps = steps), c.scheduleRefresh()));
      },
      {
        intervalMs: c.env.saveEveryMs,
        now: c.env.now,
        onError: (e) => {
          const note = isQuota(e)
            ? `Browser storage is full, so "${recorder.record.name}" is no longer being saved (training goes on; the copy saved at step ${savedSteps} is kept). Delete or export old runs to free space.`
            : `The run could not be saved: ${message(e)}`;
          // one toast per run, the note stays in the Runs panel
          if (!told) c.host.notify(note, 'error');
          told = true;
          c.set({ storageNote: note });
        },
      },
    );
    const release = c.env.holdRunLock(id);
    this.savers.set(id, saver);
    this.active++;
    meta?.onStart();
    void saver.flush();
    let lastProgress = -Infinity;
    return {
      event: (e) => {
        if (!saver.event(e)) return;
        if (e.type !== 'metrics' && e.type !== 'done') return;
        const now = c.env.clock();
        if (e.type === 'metrics' && now - lastProgress < c.env.progressEveryMs) return;
        lastProgress = now;
        const step = recorder.record.stepsDone;
        c.set({ liveSteps: { ...c.getSnapshot().liveSteps, [id]: step } });
        if (meta) c.queue.progress(meta.key, step);
      },
      end: (error) => {
        this.active--;
        void saver.end(error ? message(error) : null).finally(() => {
          release();
          this.savers.delete(id);
          const liveSteps = { ...c.getSnapshot().liveSteps };
          delete liveSteps[id];
          c.set({ liveSteps });
          c.scheduleRefresh();
          meta?.onEnd(recorder.record);
          if (this.active === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            waiters.forEach((w) => w());
          }
        });
      },
    };
  }

  /** A rename or retag of a run training in this tab: its live record is the one that keeps being written. */
  async update(id: string, p: Partial<Pick<RunRecord, 'name' | 'tags'>>): Promise<void> {
    const live = this.savers.get(id);
    if (!live) return;
    live.recorder.update(p);
    await live.flush();
  }

  flushAll(): void {
    for (const s of this.savers.values()) void s.flush();
  }
}
