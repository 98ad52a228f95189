'use client';
// The "lay out after preset load and paste" option: when a loaded graph or a
// paste opens its undo group (graph-store's undoGroup), the layout runs once
// React Flow has measured the new nodes and joins that group, so Undo takes
// back the load or paste and its layout together.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StudioState } from '../../lib/graph-store';

const KEY = 'latent-studio:tidy-after-load';

export interface Tidy {
  on: boolean;
  set(on: boolean): void;
}

export function useTidy(state: StudioState, layout: (group: string, only?: readonly string[]) => Promise<void>): Tidy {
  const [on, setOn] = useState(false);
  useEffect(() => setOn(window.localStorage.getItem(KEY) === '1'), []);
  const set = useCallback((v: boolean) => {
    setOn(v);
    window.localStorage.setItem(KEY, v ? '1' : '0');
  }, []);

  const pending = useRef<{ group: string; only?: string[] } | null>(null);
  const group = state.history.group;
  useEffect(() => {
    if (!on || !group) return;
    if (group.startsWith('swap-')) pending.current = { group };
    else if (group.startsWith('insert:')) pending.current = { group, only: group.slice('insert:'.length).split(',') };
  }, [group, on]);

  const { measured, graph } = state;
  useEffect(() => {
    const p = pending.current;
    if (!p) return;
    if (state.history.group !== p.group) return void (pending.current = null);
    const ids = p.only ?? graph.nodes.map((n) => n.id);
    if (!ids.every((id) => measured[id])) return;
    pending.current = null;
    void layout(p.group, p.only);
  }, [measured, graph, state.history.group, layout]);

  return { on, set };
}
