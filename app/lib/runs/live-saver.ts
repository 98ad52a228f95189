// Writes a run while it trains, so closing the tab loses at most the last few
// seconds: the first write happens at once (the run exists, "running"), then
// at most one write per interval while events arrive, and one as soon as the
// run ends. Writes are chained, never concurrent, and each writes the latest
// state, so a slow disk coalesces updates instead of queueing them.
import type { TrainEvent } from '../../../workers/protocol';
import type { RunRecord } from './record';
import type { RunRecorder } from './recorder';

export interface SaverOptions {
  intervalMs: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
  onError?: (e: unknown) => void;
}

export class LiveRunSaver {
  private timer: unknown = null;
  private savedRevision = -1;
  private chain: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (t: unknown) => void;

  constructor(
    readonly recorder: RunRecorder,
    private write: (r: RunRecord) => Promise<void>,
    private opts: SaverOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  }

  /** Feeds one event; returns whether the record changed. */
  event(e: TrainEvent): boolean {
    const changed = this.recorder.handle(e);
    if (!changed) return false;
    if (this.recorder.ended) void this.flush();
    else if (this.timer === null) this.timer = this.setTimer(() => void this.flush(), this.opts.intervalMs);
    return true;
  }

  end(error: string | null): Promise<void> {
    this.recorder.end(error);
    return this.flush();
  }

  /** Writes now if anything changed since the last write; resolves when written. */
  flush(): Promise<void> {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    this.chain = this.chain.then(async () => {
      const rev = this.recorder.revision;
      if (rev === this.savedRevision) return;
      this.savedRevision = rev;
      this.recorder.record.savedAt = this.now();
      try {
        await this.write(this.recorder.record);
      } catch (e) {
        this.savedRevision = -1;
        this.opts.onError?.(e);
      }
    });
    return this.chain;
  }
}
