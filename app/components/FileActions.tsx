'use client';
// New / Import / Export. Graph files are the unit people share (a workshop
// hand-out, a bug report), so an import is validated like any untrusted input.
// In a window up to 1100 px wide the three fold into one File menu, so the top
// bar keeps to one row and the canvas its height.
import { useRef } from 'react';
import { slug } from '../../engine/export/slug';
import type { Graph } from '../../engine/graph';
import { downloadBlob } from '../lib/download';
import { FilePicker } from './FilePicker';
import { ChevronIcon } from './icons';
import { useMenu } from './use-menu';
import './PresetMenu.css';

interface FileActionsProps {
  graph: Graph;
  onNew(): void;
  onImportFile(file: File): void;
}

export { slug };

export function downloadGraph(graph: Graph) {
  downloadBlob(new Blob([JSON.stringify(graph, null, 2) + '\n'], { type: 'application/json' }), `${slug(graph.meta.name)}.json`);
}

export function FileActions({ graph, onNew, onImportFile }: FileActionsProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="file-actions">
      <button type="button" className="btn btn--ghost" onClick={onNew}>
        New
      </button>
      <FilePicker className="btn btn--ghost" inputLabel="Import graph file" testId="import-input" onFile={onImportFile} inputRef={input}>
        Import JSON
      </FilePicker>
      <button type="button" className="btn btn--ghost" onClick={() => downloadGraph(graph)}>
        Export JSON
      </button>
      <FileMenu
        items={[
          { label: 'New', run: onNew },
          { label: 'Import JSON…', run: () => input.current?.click() },
          { label: 'Export JSON', run: () => downloadGraph(graph) },
        ]}
      />
    </div>
  );
}

/** New / Import / Export as one menu button (use-menu.ts). */
function FileMenu({ items }: { items: { label: string; run(): void }[] }) {
  const { open, setOpen, wrap, button, close, onMenuKey } = useMenu();

  return (
    <div className="menu-wrap file-menu" ref={wrap}>
      <button ref={button} type="button" className="btn btn--ghost" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        File <ChevronIcon />
      </button>
      {open && (
        <div className="menu file-menu__list" role="menu" aria-label="File" onKeyDown={onMenuKey}>
          {items.map((it) => (
            <button
              key={it.label}
              type="button"
              role="menuitem"
              className="menu__item"
              onClick={() => {
                close();
                it.run();
              }}
            >
              {it.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
