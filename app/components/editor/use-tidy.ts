'use client';
// The "lay out after preset load and paste" option: when a loaded graph or a
// paste opens its undo group (graph-store's undoGroup), the layout runs once
// React Flow has measured the new nodes and joins that group, so Undo takes
// back the load or paste and its layout together. With the option off, a preset
// is still laid out again where its own layout would open too small to read (a
// narrow window) and the auto-layout reads better (`fitOnly`, see Editor.tsx).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StudioState } from '../../lib/graph-store';

const KEY = 'latent-studio:tidy-after-load';

export interface Tidy {
  on: boolean;
  set(on: boolean): void;
}

export function useTidy(state: StudioState, layout: (group: string, only?: readonly string[], fitOnly?: boolean) => Promise<void>): Tidy {
  const [on, setOn] = useState(false);
  useEffect(() => setOn(window.localStorage.getItem(KEY) === '1'), []);
  const set = useCallback((v: boolean) => {
    setOn(v);
    window.localStorage.setItem(KEY, v ? '1' : '0');
  }, []);

  const pending = useRef<{ group: string; only?: string[]; fitOnly?: boolean } | null>(null);
  const group = state.history.group;
  useEffect(() => {
    if (!group) return;
    if (group.startsWith('swap-') && (on || group.endsWith(':fit'))) pending.current = { group, fitOnly: !on };
    else if (on && group.startsWith('insert:')) pending.current = { group, only: group.slice('insert:'.length).split(',') };
  }, [group, on]);

  const { measured, graph } = state;
  useEffect(() => {
    const p = pending.current;
    if (!p) return;
    if (state.history.group !== p.group) return void (pending.current = null);
    const ids = p.only ?? graph.nodes.map((n) => n.id);
    if (!ids.every((id) => measured[id])) return;
    pending.current = null;
    void layout(p.group, p.only, p.fitOnly);
  }, [measured, graph, state.history.group, layout]);

  return { on, set };
}
