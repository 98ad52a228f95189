// A queue of callbacks run one per macrotask, for the run store's listeners.
/**
 * Runs callbacks one per macrotask. Each view re-renders and redraws in its own
 * listener call (useSyncExternalStore renders synchronously), so notifying them all
 * in one task would add their costs into one long task — the first snapshot of a
 * run mounts a chart, a scatter, a bar chart and a dozen image canvases at once.
 * One task each keeps every piece short and lets input events in between.
 */
export class TaskQueue {
  private queue: (() => void)[] = [];
  private queued = new Set<() => void>();

  /** `alive` is asked when its turn comes: a view that unmounted meanwhile is skipped. */
  constructor(private readonly alive: (f: () => void) => boolean = () => true) {}

  private port: MessagePort | null = null;
  private posted = false;

  add(f: () => void) {
    if (this.queued.has(f)) return;
    if (typeof window === 'undefined' || typeof MessageChannel === 'undefined') {
      f(); // Node (unit tests, prerendering): no frames to protect
      return;
    }
    this.queued.add(f);
    this.queue.push(f);
    if (!this.port) {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => this.runOne();
      this.port = ch.port2;
    }
    if (!this.posted) {
      this.posted = true;
      this.port.postMessage(0);
    }
  }

  private runOne() {
    this.posted = false;
    const f = this.queue.shift();
    if (f) {
      this.queued.delete(f);
      if (this.alive(f)) f();
    }
    if (this.queue.length && this.port) {
      this.posted = true;
      this.port.postMessage(0);
    }
  }
}
