// Undo / redo as plain data: a stack of earlier states, a stack of undone ones,
// and the group the newest entry belongs to. No React, no graph knowledge: the
// graph store records whole graphs with their selection (graphs share
// structure, so an entry costs only what changed).
//
// Grouping is what makes one user action one entry: every position update of
// a drag, or the keystrokes of a field, carry the same group key and fold into
// the entry the first of them opened. A different key, an ungrouped record,
// an undo or a redo close the group.

export const HISTORY_LIMIT = 200;

export interface History<T> {
  /** Oldest first; past[past.length - 1] is what undo returns to. */
  readonly past: readonly T[];
  /** Undone states, the next redo last. */
  readonly future: readonly T[];
  /** The open group: a record with this key amends the newest entry instead of adding one. */
  readonly group: string | null;
  readonly limit: number;
}

export function emptyHistory<T>(limit = HISTORY_LIMIT): History<T> {
  return { past: [], future: [], group: null, limit: Math.max(1, limit) };
}

/**
 * Notes that the state `before` is being left for a new one. With a `group` equal to
 * the open group nothing is added (the entry that group opened already holds the
 * state before the whole gesture). Any record clears the redo stack.
 */
export function record<T>(h: History<T>, before: T, group: string | null = null): History<T> {
  if (group !== null && group === h.group) return h.future.length ? { ...h, future: [] } : h;
  const past = [...h.past, before];
  // Dropping the oldest keeps memory bounded; `limit` states remain undoable.
  if (past.length > h.limit) past.splice(0, past.length - h.limit);
  return { ...h, past, future: [], group };
}

/** Closes the open group, so the next record starts a new entry even with the same key. */
export function closeGroup<T>(h: History<T>): History<T> {
  return h.group === null ? h : { ...h, group: null };
}

/** Steps back from `present`: the state to show and the history after it, or null when there is nothing to undo. */
export function undo<T>(h: History<T>, present: T): { state: T; history: History<T> } | null {
  if (h.past.length === 0) return null;
  const state = h.past[h.past.length - 1];
  return { state, history: { ...h, past: h.past.slice(0, -1), future: [...h.future, present], group: null } };
}

/** The inverse of undo. */
export function redo<T>(h: History<T>, present: T): { state: T; history: History<T> } | null {
  if (h.future.length === 0) return null;
  const state = h.future[h.future.length - 1];
  return { state, history: { ...h, past: [...h.past, present], future: h.future.slice(0, -1), group: null } };
}

export function canUndo(h: History<unknown>): boolean {
  return h.past.length > 0;
}

export function canRedo(h: History<unknown>): boolean {
  return h.future.length > 0;
}
