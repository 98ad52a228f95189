'use client';
// The imported datasets and "open the Data panel", for the inspector's dataset field
// and the canvas node that misses its dataset.
import { createContext, useContext, useMemo, useSyncExternalStore } from 'react';
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

/** Ids of the datasets on this device (null until read), for the graph check. */
export function useDatasetIds(): readonly string[] | null {
  const store = datasetsStore();
  const list = useSyncExternalStore(store.subscribe, () => store.getSnapshot().list, () => null);
  return useMemo(() => (list ? list.map((d) => d.id) : null), [list]);
}
