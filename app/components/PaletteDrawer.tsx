'use client';
// The palette's column. In a window up to FOLD_WIDTH wide it folds to a slim rail
// so the canvas keeps the room a graph needs to open readable: the rail's Nodes
// button opens the palette over the canvas's edge, and Esc, a click elsewhere or
// choosing a node (click, Enter or a drop on the canvas) folds it again. Its pin
// keeps it docked as a column instead (remembered). Wider, it is always a column.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { isBoolean, usePersisted } from '../lib/use-persisted';
import { PanelIcon, PinIcon } from './icons';
import { usePressOutside } from './use-press-outside';
import './PaletteDrawer.css';

/** Up to this window width the palette folds (Studio.css uses the same number). */
export const FOLD_WIDTH = 1300;
const folds = () => window.matchMedia(`(max-width: ${FOLD_WIDTH}px)`).matches;

export function PaletteDrawer({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [docked, setDocked] = usePersisted('palette-docked', false, isBoolean);
  const aside = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  // only a palette drawn over the canvas folds away; the docked column stays as it is
  const floating = () => open && !docked && folds();

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    setDragging(false);
    if (refocus) toggle.current?.focus();
  }, []);

  // a press anywhere outside the drawer folds it, the canvas's pane included
  usePressOutside(aside, open, () => close(false), true);

  // opened: the filter field, so typing narrows the list at once
  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>('input[type="search"]')?.focus();
  }, [open]);

  return (
    <div ref={aside} className={`palette-drawer${open ? ' is-open' : ''}${docked ? ' is-docked' : ''}${dragging ? ' is-dragging' : ''}`}>
      <div className="palette-drawer__rail">
        <button
          ref={toggle}
          type="button"
          className="palette-drawer__toggle"
          aria-expanded={open}
          aria-controls="palette-panel"
          title={open ? 'Fold the node palette (Esc)' : 'Open the node palette'}
          onClick={() => setOpen((o) => !o)}
        >
          <PanelIcon />
          <span>Nodes</span>
        </button>
      </div>
      <div
        ref={panel}
        id="palette-panel"
        className="palette-drawer__panel"
        onKeyDown={(e) => {
          if (e.key !== 'Escape' || !floating()) return;
          // the editor's Escape (clear the selection) is not meant for the palette
          e.stopPropagation();
          close(true);
        }}
        // a node or block chosen by click or Enter has been added: the canvas is what to see now
        onClick={(e) => {
          if (floating() && (e.target as HTMLElement).closest('.palette__item')) close(true);
        }}
        // while a node is dragged the drawer lets the canvas under it take the drop
        onDragStart={() => floating() && setTimeout(() => setDragging(true), 0)}
        onDragEnd={() => floating() && close(true)}
      >
        <div className="palette-drawer__head">
          <button
            type="button"
            className="btn btn--ghost btn--icon btn--small"
            aria-pressed={docked}
            aria-label="Keep the palette open"
            title={docked ? 'Fold the palette to a rail again' : 'Keep the palette open as a column'}
            onClick={() => {
              setDocked(!docked);
              setOpen(false);
              // undocked, the rail's button shows again once this renders: focus goes there
              if (docked) requestAnimationFrame(() => toggle.current?.focus());
            }}
          >
            <PinIcon />
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
