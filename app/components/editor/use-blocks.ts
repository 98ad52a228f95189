'use client';
// The block list every editor view shares (palette shelf, quick add, the save
// dialog): built-in blocks plus "My blocks" from IndexedDB, re-read after each
// save, import or delete.
import { useEffect, useSyncExternalStore } from 'react';
import type { Block } from '../../lib/blocks/block';
import { BUILTIN_BLOCKS } from '../../lib/blocks/builtin';
import { deleteBlock, listBlocks, saveBlock } from '../../lib/blocks/store';

let mine: Block[] = [];
let loaded = false;
const listeners = new Set<() => void>();

async function reload() {
  try {
    mine = await listBlocks();
  } catch {
    mine = [];
  }
  loaded = true;
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useBlocks(): { builtIn: readonly Block[]; mine: Block[]; save(b: Block): Promise<void>; remove(id: string): Promise<void> } {
  const list = useSyncExternalStore(
    subscribe,
    () => mine,
    () => mine,
  );
  useEffect(() => {
    if (!loaded) void reload();
  }, []);
  return {
    builtIn: BUILTIN_BLOCKS,
    mine: list,
    save: async (b) => {
      await saveBlock(b);
      await reload();
    },
    remove: async (id) => {
      await deleteBlock(id);
      await reload();
    },
  };
}
