// "My blocks": saved blocks in IndexedDB, in a database of their own so the
// graph store's schema (and its upgrades) stay untouched.
import { openDB, type IDBPDatabase } from 'idb';
import { parseFragment } from '../fragment';
import type { Block } from './block';

const DB = 'latent-studio-blocks';
const STORE = 'blocks';
let db: Promise<IDBPDatabase> | null = null;

function open(): Promise<IDBPDatabase> {
  db ??= openDB(DB, 1, {
    upgrade(d) {
      d.createObjectStore(STORE, { keyPath: 'id' });
    },
  });
  return db;
}

/** Saved blocks, oldest first; a record that no longer reads as a block is skipped. */
export async function listBlocks(): Promise<Block[]> {
  const all = (await (await open()).getAll(STORE)) as Block[];
  return all
    .filter((b) => b && typeof b.name === 'string' && parseFragment(b.fragment).ok)
    .sort((a, b) => (a.savedAt ?? 0) - (b.savedAt ?? 0));
}

export async function saveBlock(b: Block): Promise<void> {
  await (await open()).put(STORE, b);
}

export async function deleteBlock(id: string): Promise<void> {
  await (await open()).delete(STORE, id);
}
