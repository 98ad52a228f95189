// Giving the event loop one turn between training steps, so Pause and Stop get in.

let timerOnly = false;
/** bench:step --before-after: yield with setTimeout(0), as the trainer did before. */
export function yieldWithTimer(on: boolean): void {
  timerOnly = on;
}

/**
 * One turn of the event loop, so queued messages (Pause, Stop) get in. Not
 * setTimeout(0): that sleeps at least 1 ms, and browsers clamp a timer set from
 * a timer's continuation to 4 ms after five in a row, which the trainer, yielding
 * after every step of 25 ms or more, would pay at every step (bench:step); on a
 * busy machine the sleep also gives the core away. setImmediate (Node) and a
 * message to itself (workers, pages) run as soon as what is queued has run.
 */
export function yieldToEventLoop(): Promise<void> {
  if (timerOnly) return new Promise((r) => setTimeout(r, 0));
  if (typeof setImmediate === 'function') return new Promise((r) => setImmediate(r));
  if (typeof MessageChannel === 'function') {
    return new Promise((r) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        r();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
}
