'use client';
// The imported datasets and "open the Data panel", for the inspector's dataset field
// and the canvas node that misses its dataset.
import { createContext, startTransition, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { datasetsStore, type DatasetsSnapshot, type DatasetsStore } from '../../lib/datasets';

export interface DataContextValue {
  store: DatasetsStore;
  /** Opens the Data panel (optionally straight into the file picker). */
  openPanel(pick?: boolean): void;
}

export const DataContext = createContext<DataContextValue | null>(null);

const EMPTY: DatasetsSnapshot = { list: null, importing: null, outcome: null, sizeCapMb: 500, storageError: null };
const noop = () => () => {};

export function useDatasets(): { snap: DatasetsSnapshot; ctx: DataContextValue | null } {
  const ctx = useContext(DataContext);
  const snap = useSyncExternalStore(ctx?.store.subscribe ?? noop, ctx?.store.getSnapshot ?? (() => EMPTY), () => EMPTY);
  return { snap, ctx };
}

/**
 * Ids of the datasets on this device (null until read), for the graph check. A new
 * list re-renders the whole studio, so it arrives as a transition: React renders it
 * in slices and the page never stalls when an import lands.
 */
export function useDatasetIds(): readonly string[] | null {
  const [ids, setIds] = useState<readonly string[] | null>(null);
  useEffect(() => {
    const store = datasetsStore();
    let last: unknown = undefined;
    const read = () => {
      const list = store.getSnapshot().list;
      if (list === last) return;
      last = list;
      const next = list ? list.map((d) => d.id) : null;
      startTransition(() => setIds((prev) => (prev && next && prev.join() === next.join() ? prev : next)));
    };
    read();
    return store.subscribe(read);
  }, []);
  return ids;
}
