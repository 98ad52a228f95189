'use client';
// Recent graphs: whatever a link, a preset, an import or a dropped figure
// replaced, one click away. Always shown, even in a classroom link, because it
// is how a visitor gets their own graph back.
import { useEffect, useRef, useState } from 'react';
import type { Graph } from '../../../engine/graph';
import { loadRecent, type RecentGraph } from '../../lib/share/recent';
import { ChevronIcon } from '../icons';
import { usePressOutside } from '../use-press-outside';
import '../PresetMenu.css';

const when = (t: number) => new Date(t).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

export function RecentMenu({ onOpen }: { onOpen(g: Graph, name: string): void }) {
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<RecentGraph[] | null>(null);
  const wrap = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void loadRecent().then((l) => live && setList(l));
    return () => {
      live = false;
    };
  }, [open]);
  usePressOutside(wrap, open, () => setOpen(false));

  return (
    <div className="menu-wrap" ref={wrap} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" className="btn btn--ghost" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Recent <ChevronIcon />
      </button>
      {open && (
        <div className="menu" role="menu" aria-label="Recent graphs">
          {list === null && <p className="menu__group-title">Loading…</p>}
          {list?.length === 0 && <p className="menu__group-title">No earlier graphs yet: a graph replaced by a link, a preset or an import is kept here.</p>}
          {list?.map((r) => (
            <button
              key={r.savedAt + r.name}
              type="button"
              role="menuitem"
              className="menu__item"
              onClick={() => {
                setOpen(false);
                onOpen(r.graph, r.name);
              }}
            >
              <span className="menu__item-title">{r.name}</span>
              <span className="menu__item-meta">
                {r.graph.nodes.length} nodes · {when(r.savedAt)}
              </span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
