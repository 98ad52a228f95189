'use client';
// The studio's side of "bring your own data": one DatasetsStore, the Data panel's
// open state, importing a dropped file, and pointing the canvas's graph at a set.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { refOf } from '../../../engine/data/store';
import { withDataset } from '../../../engine/data/with-dataset';
import type { Graph } from '../../../engine/graph';
import type { DatasetRef } from '../../../engine/params';
import { datasetsStore, type DatasetMeta } from '../../lib/datasets';
import type { DataContextValue } from './data-context';

interface Options {
  graph: Graph;
  replaceGraph(next: Graph, message: string): void;
  notify(message: string, tone?: 'info' | 'error' | 'success', action?: { label: string; run(): void }): void;
}

/** A "Your data" node that has no dataset yet, or one this device lacks, takes a newly imported set. */
function waitingForData(graph: Graph, known: DatasetMeta[] | null): boolean {
  return graph.nodes.some((n) => n.type === 'data.user' && (!n.params.dataset || !known?.some((d) => d.id === (n.params.dataset as DatasetRef).id)));
}

export function useDataFeature({ graph, replaceGraph, notify }: Options) {
  const store = useRef(datasetsStore());
  const [open, setOpen] = useState(false);
  const [pickRequest, setPickRequest] = useState(0);
  const latest = useRef({ graph, replaceGraph, notify });
  latest.current = { graph, replaceGraph, notify };

  useEffect(() => {
    void store.current.refresh();
  }, []);

  const use = useCallback((m: DatasetMeta) => {
    const { graph: g, replaceGraph: replace, notify: say } = latest.current;
    const r = withDataset(g, refOf(m));
    if (r.problem) say(`Cannot use “${m.name}”: ${r.problem}. Add a “Your data” node from the palette instead.`, 'error');
    else {
      replace(r.graph, `The graph now trains on “${m.name}”`);
      // back to the canvas and inspector, which the drawer covers
      setOpen(false);
    }
  }, []);

  const importData = useCallback(
    async (file: File) => {
      setOpen(true);
      const known = store.current.getSnapshot().list;
      const m = await store.current.import({ kind: 'file', file });
      if (!m) return;
      if (waitingForData(latest.current.graph, known)) use(m);
      else latest.current.notify(`Imported “${m.name}”`, 'success', { label: 'Use in graph', run: () => use(m) });
    },
    [use],
  );

  const ctx = useMemo<DataContextValue>(
    () => ({
      store: store.current,
      openPanel: (pick) => {
        setOpen(true);
        if (pick) setPickRequest((n) => n + 1);
      },
    }),
    [],
  );

  return { ctx, open, setOpen, pickRequest, importData, use };
}
