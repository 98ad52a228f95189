// One undo entry per burst of key presses: presses less than KEY_BURST_MS apart
// on the same thing (holding an arrow key repeats faster than that) share a
// group key, so the history folds them into one entry (history.ts). A pause, or
// a press on something else, starts a new group. Used by the arrow-key moves of
// nodes and of notes and frames.

export const KEY_BURST_MS = 700;

/** A source of group keys `<prefix>-<n>`; `target` names what the press moves, `now` is in ms. */
export function keyBurst(prefix: string): (target?: string, now?: number) => string {
  let count = 0;
  let last = -Infinity;
  let moved: string | undefined;
  return (target = '', now = performance.now()) => {
    if (now - last > KEY_BURST_MS || target !== moved) count += 1;
    last = now;
    moved = target;
    return `${prefix}-${count}`;
  };
}
