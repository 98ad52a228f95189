'use client';
// New / Import / Export. Graph files are the unit people share (a workshop
// hand-out, a bug report), so an import is validated like any untrusted input.
import { useRef } from 'react';
import { slug } from '../../engine/export/slug';
import type { Graph } from '../../engine/graph';

interface FileActionsProps {
  graph: Graph;
  onNew(): void;
  onImportFile(file: File): void;
}

export { slug };

export function downloadGraph(graph: Graph) {
  const blob = new Blob([JSON.stringify(graph, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${slug(graph.meta.name)}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function FileActions({ graph, onNew, onImportFile }: FileActionsProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="file-actions">
      <button type="button" className="btn btn--ghost" onClick={onNew}>
        New
      </button>
      <button type="button" className="btn btn--ghost" onClick={() => input.current?.click()}>
        Import JSON
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="sr-only"
        tabIndex={-1}
        aria-label="Import graph file"
        data-testid="import-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onImportFile(f);
        }}
      />
      <button type="button" className="btn btn--ghost" onClick={() => downloadGraph(graph)}>
        Export JSON
      </button>
    </div>
  );
}
