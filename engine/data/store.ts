// Imported datasets on this device: IndexedDB database "latent-studio-datasets"
// (its own database, like the runs', so its upgrades and quota never touch the
// graph autosave). Two stores: `meta` (a few hundred bytes per set, what the Data
// panel lists) and `sets` (the pixels / vectors), both keyed by the content hash,
// so importing the same data twice keeps one copy. Used by the import worker
// (writes), the training worker (reads) and the Data panel (lists, renames, deletes);
// tensor-free, runs wherever IndexedDB does (fake-indexeddb in the tests).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { classCounts, type ImportedSet } from './imported';
import { DataFileError } from './npy';
import type { DatasetRef } from '../params';

export const DATASETS_DB_NAME = 'latent-studio-datasets';

export interface DatasetMeta {
  /** SHA-256 of the content (kind, shape, labels, data), hex. */
  id: string;
  name: string;
  /** The file or folder it came from. */
  source: string;
  kind: 'image' | 'vector';
  sampleShape: number[];
  classNames: string[] | null;
  classCounts: number[] | null;
  trainCount: number;
  testCount: number;
  /** true when the file brought its own held-out split */
  ownSplit: boolean;
  bytes: number;
  createdAt: number;
  notes: string[];
}

interface Schema extends DBSchema {
  meta: { key: string; value: DatasetMeta };
  sets: { key: string; value: ImportedSet };
}

let dbPromise: Promise<IDBPDatabase<Schema>> | null = null;
function db(): Promise<IDBPDatabase<Schema>> {
  if (!dbPromise) {
    const p = openDB<Schema>(DATASETS_DB_NAME, 1, {
      upgrade(d, oldVersion) {
        if (oldVersion < 1) {
          d.createObjectStore('meta');
          d.createObjectStore('sets');
        }
      },
      blocking() {
        void p.then((d) => d.close());
        dbPromise = null;
      },
      terminated() {
        dbPromise = null;
      },
    });
    dbPromise = p;
    p.catch(() => {
      if (dbPromise === p) dbPromise = null;
    });
  }
  return dbPromise;
}

const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');

/** Content hash: identical data imported from different files (or by different people) gets the same id. */
export async function contentHash(set: ImportedSet): Promise<string> {
  const head = new TextEncoder().encode(JSON.stringify([set.kind, set.sampleShape, set.classNames, set.train.count, set.test?.count ?? 0]));
  const parts: ArrayBufferView[] = [head];
  for (const s of [set.train, set.test]) if (s) parts.push(s.data, ...(s.labels ? [s.labels] : []));
  const total = parts.reduce((a, p) => a + p.byteLength, 0);
  const all = new Uint8Array(total);
  parts.reduce((off, p) => (all.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), off), off + p.byteLength), 0);
  return hex(await crypto.subtle.digest('SHA-256', all));
}

export function metaOf(set: ImportedSet, id: string, name: string, source: string): DatasetMeta {
  const bytes = [set.train, set.test].reduce((a, s) => a + (s ? s.data.byteLength + (s.labels?.byteLength ?? 0) : 0), 0);
  return { id, name, source, kind: set.kind, sampleShape: set.sampleShape, classNames: set.classNames, classCounts: classCounts(set), trainCount: set.train.count, testCount: set.test?.count ?? 0, ownSplit: !!set.test, bytes, createdAt: Date.now(), notes: set.notes };
}

/** How a graph refers to a stored set. */
export function refOf(m: DatasetMeta): DatasetRef {
  return { id: m.id, name: m.name, kind: m.kind, shape: m.sampleShape, classes: m.classNames?.length ?? 0 };
}

/** Stores a set (or finds it already stored). A full quota is reported as a DataFileError naming the set. */
export async function saveDataset(set: ImportedSet, name: string, source: string): Promise<DatasetMeta> {
  const id = await contentHash(set);
  const d = await db();
  const existing = await d.get('meta', id);
  if (existing) return existing;
  const meta = metaOf(set, id, name, source);
  try {
    const tx = d.transaction(['meta', 'sets'], 'readwrite');
    await Promise.all([tx.objectStore('sets').put(set, id), tx.objectStore('meta').put(meta, id), tx.done]);
  } catch (e) {
    if ((e as DOMException).name === 'QuotaExceededError') throw new DataFileError(`${source}: not enough browser storage to keep ${(meta.bytes / 1024 / 1024).toFixed(1)} MB; delete datasets or runs you no longer need, then import again`);
    throw e;
  }
  return meta;
}

export async function listDatasets(): Promise<DatasetMeta[]> {
  const all = await (await db()).getAll('meta');
  return all.sort((a, b) => b.createdAt - a.createdAt);
}

export async function loadStoredDataset(id: string): Promise<ImportedSet | undefined> {
  return (await db()).get('sets', id);
}

export async function renameDataset(id: string, name: string): Promise<void> {
  const d = await db();
  const m = await d.get('meta', id);
  if (m) await d.put('meta', { ...m, name }, id);
}

export async function deleteDataset(id: string): Promise<void> {
  const tx = (await db()).transaction(['meta', 'sets'], 'readwrite');
  await Promise.all([tx.objectStore('meta').delete(id), tx.objectStore('sets').delete(id), tx.done]);
}
