'use client';
// Quick add: a search box over node types and blocks (fuzzy, fuse.js), opened
// by `/`, a double-click on the canvas, or a wire dropped on empty canvas (then
// only node types that fit the wire are listed, and the new node is wired in).
// A modal <dialog> with the ARIA combobox pattern: type, arrows, Enter.
import { useEffect, useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import { CATEGORY_TITLE } from '../../lib/categories';
import { searchItems, type QuickItem } from '../../lib/quick-add';
import { Modal } from './Modal';

interface QuickAddProps {
  open: boolean;
  items: QuickItem[];
  /** Shown above the box: what the list is for ("Add a node after Encoder · latent"). */
  title: string;
  onChoose(item: QuickItem): void;
  onClose(): void;
}

export function QuickAdd({ open, items, title, onChoose, onClose }: QuickAddProps) {
  return (
    <Modal open={open} title={title} onClose={onClose} className="quick-add" testId="quick-add">
      <QuickSearch items={items} onChoose={onChoose} />
    </Modal>
  );
}

/** Mounted each time the dialog opens, so it starts with an empty query. */
function QuickSearch({ items, onChoose }: { items: QuickItem[]; onChoose(item: QuickItem): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const found = useMemo(() => searchItems(items, query), [items, query]);
  // Only a pointer that really moves picks an item: the list changing under a resting pointer
  // (the browser reports that as hover too) must not take the choice from the keyboard.
  const rest = useRef<string | null>(null);
  const hover = (e: MouseEvent, i: number) => {
    const at = `${e.clientX},${e.clientY}`;
    const moved = rest.current !== null && rest.current !== at;
    rest.current = at;
    if (moved) setActive(i);
  };

  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    document.getElementById(`${id}-opt-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(found.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(Math.max(0, found.length - 1));
    else if (e.key === 'Enter' && found[active]) onChoose(found[active]);
    else return;
    e.preventDefault();
  };

  return (
    <>
      <input
        autoFocus
        className="quick-add__input"
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={found[active] ? `${id}-opt-${active}` : undefined}
        aria-autocomplete="list"
        aria-label="Search node types"
        placeholder="Search nodes and blocks…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKey}
      />
      <ul id={`${id}-list`} className="quick-add__list" role="listbox" aria-label="Matching node types">
        {found.map((item, i) => (
          <li
            key={item.key}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={`quick-add__item${i === active ? ' is-active' : ''}`}
            style={{ '--accent': `var(--cat-${item.category in CATEGORY_TITLE ? item.category : 'unknown'})` } as CSSProperties}
            onMouseMove={(e) => hover(e, i)}
            onClick={() => onChoose(item)}
          >
            <span className="quick-add__label">{item.label}</span>
            <span className="quick-add__meta">{item.port ? `→ ${item.port}` : (CATEGORY_TITLE[item.category as keyof typeof CATEGORY_TITLE] ?? item.category)}</span>
          </li>
        ))}
        {found.length === 0 && <li className="quick-add__empty">Nothing matches “{query}”.</li>}
      </ul>
      <p className="quick-add__hint">↑ ↓ to choose · Enter to add · Esc to close</p>
    </>
  );
}
