// Autosave in IndexedDB. What comes back from storage is untrusted (an older
// app version, a hand-edited export, a half-written record), so it goes through
// parseGraph like any imported file; a record that fails is moved aside rather
// than overwritten, so the user's work is never silently lost.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { parseGraph, type Graph } from '../../engine/graph';

const DB_NAME = 'latent-studio';
const DB_VERSION = 1;
export const AUTOSAVE_KEY = 'autosave';
export const BROKEN_KEY = 'autosave-broken';

interface StudioDB extends DBSchema {
  graphs: { key: string; value: unknown };
}

let dbPromise: Promise<IDBPDatabase<StudioDB>> | null = null;

/** The graphs database (autosave, the broken copy, recent graphs in app/lib/share/recent.ts). */
export function db(): Promise<IDBPDatabase<StudioDB>> {
  if (!dbPromise) {
    dbPromise = openDB<StudioDB>(DB_NAME, DB_VERSION, {
      upgrade(d) {
        if (!d.objectStoreNames.contains('graphs')) d.createObjectStore('graphs');
      },
    });
    // A failed open (private mode, quota) must not poison every later attempt.
    dbPromise.catch(() => {
      dbPromise = null;
    });
  }
  return dbPromise;
}

export type Restored =
  | { kind: 'empty' }
  | { kind: 'ok'; graph: Graph }
  | { kind: 'broken'; errors: string[] }
  | { kind: 'unavailable'; error: string };

export async function loadAutosave(): Promise<Restored> {
  let raw: unknown;
  try {
    raw = await (await db()).get('graphs', AUTOSAVE_KEY);
  } catch (e) {
    return { kind: 'unavailable', error: (e as Error).message || String(e) };
  }
  if (raw === undefined) return { kind: 'empty' };
  const r = parseGraph(raw);
  if (r.ok) return { kind: 'ok', graph: r.graph };
  try {
    const d = await db();
    await d.put('graphs', raw, BROKEN_KEY);
    await d.delete('graphs', AUTOSAVE_KEY);
  } catch {
    // Moving it aside is best effort; the autosave record stays where it was.
  }
  return { kind: 'broken', errors: r.errors };
}

export async function saveAutosave(graph: Graph): Promise<void> {
  await (await db()).put('graphs', graph, AUTOSAVE_KEY);
}

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/**
 * Debounced writer: a drag produces a new graph per mouse move, but only the
 * graph the user stops at is worth a transaction. `flush` writes the pending
 * graph now (page hide), so a reload right after an edit finds it.
 */
export function createAutosaver(delayMs: number, onState: (s: SaveState, error?: string) => void) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: Graph | null = null;
  let chain: Promise<void> = Promise.resolve();

  const write = () => {
    timer = null;
    const g = pending;
    pending = null;
    if (!g) return chain;
    onState('saving');
    chain = chain
      .then(() => saveAutosave(g))
      .then(
        () => onState(pending || timer ? 'pending' : 'saved'),
        (e: unknown) => onState('error', (e as Error)?.message ?? String(e)),
      );
    return chain;
  };

  return {
    schedule(graph: Graph) {
      pending = graph;
      onState('pending');
      if (timer) clearTimeout(timer);
      timer = setTimeout(write, delayMs);
    },
    flush(): Promise<void> {
      if (timer) clearTimeout(timer);
      return write();
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
