'use client';
// Every registered node type, grouped by category. Each entry is a real
// <button>: it can be dragged onto the canvas, clicked, or reached with Tab
// and added with Enter, so the studio works without a mouse.
import { useMemo, useState, type CSSProperties, type DragEvent } from 'react';
import { allSpecs, type AnyNodeSpec } from '../../nodes/registry';
import { CATEGORY_ORDER, CATEGORY_TITLE, categoryColor } from '../lib/categories';
import { NODE_MIME } from '../lib/drag';
import './Palette.css';

interface PaletteProps {
  onAdd(type: string): void;
  /** Categories a classroom link hid. */
  hidden?: readonly string[];
}

function firstSentence(doc: string): string {
  const m = /^.*?[.!?](\s|$)/.exec(doc);
  return (m ? m[0] : doc).trim();
}

export function Palette({ onAdd, hidden }: PaletteProps) {
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const specs = allSpecs().filter((s) => !hidden?.includes(s.category)).filter((s) => !q || s.label.toLowerCase().includes(q) || s.doc.toLowerCase().includes(q) || s.category.includes(q));
    const byCat = new Map<string, AnyNodeSpec[]>();
    for (const s of specs) byCat.set(s.category, [...(byCat.get(s.category) ?? []), s]);
    // Categories the UI does not know yet still show, after the known ones.
    const extra = [...byCat.keys()].filter((c) => !(CATEGORY_ORDER as readonly string[]).includes(c));
    return [...CATEGORY_ORDER, ...extra].filter((c) => byCat.has(c)).map((c) => ({ category: c, specs: byCat.get(c)! }));
  }, [filter, hidden]);

  const onDragStart = (e: DragEvent<HTMLButtonElement>, type: string) => {
    e.dataTransfer.setData(NODE_MIME, type);
    e.dataTransfer.setData('text/plain', type);
    e.dataTransfer.effectAllowed = 'move';
  };

  return (
    <nav className="palette" aria-label="Node palette">
      <div className="palette__search">
        <input type="search" placeholder="Filter nodes…" aria-label="Filter nodes" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      {groups.map(({ category, specs }) => (
        <section key={category} className="palette__group" aria-labelledby={`palette-${category}`}>
          <h2 id={`palette-${category}`} className="palette__title" style={{ '--accent': categoryColor(category as never) } as CSSProperties}>
            {CATEGORY_TITLE[category as keyof typeof CATEGORY_TITLE] ?? category}
          </h2>
          <ul>
            {specs.map((s) => (
              <li key={s.type}>
                <button
                  type="button"
                  className="palette__item"
                  draggable
                  onDragStart={(e) => onDragStart(e, s.type)}
                  onClick={() => onAdd(s.type)}
                  aria-describedby={`palette-doc-${s.type}`}
                  title={s.doc}
                  style={{ '--accent': categoryColor(s.category) } as CSSProperties}
                >
                  <span className="palette__name">{s.label}</span>
                  <span className="palette__ports" aria-hidden="true" title={`${s.inputs.length} input(s), ${s.outputs.length} output(s)`}>
                    {s.inputs.length}→{s.outputs.length}
                  </span>
                </button>
                <span id={`palette-doc-${s.type}`} className="sr-only">
                  {firstSentence(s.doc)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {groups.length === 0 && <p className="palette__empty">No node matches “{filter}”.</p>}
      <p className="palette__tip">Drag onto the canvas, or focus and press Enter.</p>
    </nav>
  );
}
