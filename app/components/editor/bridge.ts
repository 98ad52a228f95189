// How the canvas and the palette ask the editor layer for something (quick add
// after a double-click or a dropped wire, a block inserted) without sharing a
// parent component. One studio per page, so one listener per request kind.
import type { Fragment } from '../../lib/fragment';
import type { LooseEnd } from '../../lib/quick-add';

export interface QuickAddRequest {
  /** Where the new node goes, in screen coordinates; null: the middle of the canvas. */
  client: { x: number; y: number } | null;
  /** A wire dropped on empty canvas: only node types it fits, wired in. */
  end?: LooseEnd;
}

export interface InsertRequest {
  fragment: Fragment;
  client: { x: number; y: number } | null;
  what: string;
}

type Requests = { quickAdd: QuickAddRequest; insert: InsertRequest };
const listeners: { [K in keyof Requests]?: (r: Requests[K]) => void } = {};

export function onEditorRequest<K extends keyof Requests>(kind: K, fn: (r: Requests[K]) => void): () => void {
  (listeners as Record<K, (r: Requests[K]) => void>)[kind] = fn;
  return () => {
    if (listeners[kind] === fn) delete listeners[kind];
  };
}

export function requestEditor<K extends keyof Requests>(kind: K, r: Requests[K]) {
  (listeners[kind] as ((r: Requests[K]) => void) | undefined)?.(r);
}
