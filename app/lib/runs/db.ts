// Where run records live. Runs get their own IndexedDB database,
// "latent-studio-runs", rather than a second object store in persist.ts's
// "latent-studio": adding a store there means bumping that database's version,
// and a version change cannot complete while any other tab still holds the old
// version open (it sits "blocked"), so a tab left open on an older build would
// stall the graph autosave of every newer tab. Separate databases upgrade
// independently, a quota problem with bulky run data (metric series, latent
// snapshots) never touches the autosaved graph, and each database's upgrade
// path lives in exactly one file (this one for runs, persist.ts for graphs).
//
// Two stores, one transaction per write: `runs` holds full records, `summaries`
// a few hundred bytes per run derived from its record, so the Runs panel lists
// a hundred runs without reading megabytes of series.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RunRecord } from './record';
import { summarize } from './summary';

export const RUNS_DB_NAME = 'latent-studio-runs';
export const RUNS_DB_VERSION = 1;

/** Storage as the history sees it; IndexedDB in the app, a Map in the tests. Reads are untrusted. */
export interface RunDB {
  /** Writes the record and its summary together. */
  put(record: RunRecord): Promise<void>;
  get(id: string): Promise<unknown>;
  delete(id: string): Promise<void>;
  summaries(): Promise<unknown[]>;
  ids(): Promise<string[]>;
}

interface RunsSchema extends DBSchema {
  runs: { key: string; value: unknown };
  summaries: { key: string; value: unknown };
}

export function openRunsDB(): RunDB {
  let dbPromise: Promise<IDBPDatabase<RunsSchema>> | null = null;
  const db = () => {
    if (!dbPromise) {
      const p = openDB<RunsSchema>(RUNS_DB_NAME, RUNS_DB_VERSION, {
        // Version 1 creates both stores. A later version adds its step below, guarded by
        // oldVersion, so a database at any older version is brought forward in order.
        upgrade(d, oldVersion) {
          if (oldVersion < 1) {
            d.createObjectStore('runs');
            d.createObjectStore('summaries');
          }
        },
        // A newer tab wants to upgrade: let it, and reopen on our next call.
        blocking() {
          void p.then((d) => d.close());
          dbPromise = null;
        },
        terminated() {
          dbPromise = null;
        },
      });
      dbPromise = p;
      // A failed open (private mode, quota) must not poison every later attempt.
      p.catch(() => {
        if (dbPromise === p) dbPromise = null;
      });
    }
    return dbPromise;
  };
  return {
    async put(record) {
      const d = await db();
      const tx = d.transaction(['runs', 'summaries'], 'readwrite');
      // The record is cloned synchronously by put(), so later mutations by the recorder are not seen.
      void tx.objectStore('runs').put(record, record.id);
      void tx.objectStore('summaries').put(summarize(record), record.id);
      await tx.done;
    },
    async get(id) {
      return (await db()).get('runs', id);
    },
    async delete(id) {
      const d = await db();
      const tx = d.transaction(['runs', 'summaries'], 'readwrite');
      void tx.objectStore('runs').delete(id);
      void tx.objectStore('summaries').delete(id);
      await tx.done;
    },
    async summaries() {
      return (await db()).getAll('summaries');
    },
    async ids() {
      return (await db()).getAllKeys('runs');
    },
  };
}

/** The same contract over a Map: the unit tests, and the fallback when IndexedDB is unavailable. */
export function memoryRunDB(): RunDB & { raw: Map<string, unknown>; rawSummaries: Map<string, unknown> } {
  const raw = new Map<string, unknown>();
  const rawSummaries = new Map<string, unknown>();
  return {
    raw,
    rawSummaries,
    async put(record) {
      raw.set(record.id, structuredClone(record));
      rawSummaries.set(record.id, summarize(record));
    },
    async get(id) {
      const v = raw.get(id);
      return v === undefined ? undefined : structuredClone(v);
    },
    async delete(id) {
      raw.delete(id);
      rawSummaries.delete(id);
    },
    async summaries() {
      return [...rawSummaries.values()].map((s) => structuredClone(s));
    },
    async ids() {
      return [...raw.keys()];
    },
  };
}
