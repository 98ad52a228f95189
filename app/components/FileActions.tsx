'use client';
// New / Import / Export. Graph files are the unit people share (a workshop
// hand-out, a bug report), so an import is validated like any untrusted input.
import { slug } from '../../engine/export/slug';
import type { Graph } from '../../engine/graph';
import { downloadBlob } from '../lib/download';
import { FilePicker } from './FilePicker';

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
  return (
    <div className="file-actions">
      <button type="button" className="btn btn--ghost" onClick={onNew}>
        New
      </button>
      <FilePicker className="btn btn--ghost" inputLabel="Import graph file" testId="import-input" onFile={onImportFile}>
        Import JSON
      </FilePicker>
      <button type="button" className="btn btn--ghost" onClick={() => downloadGraph(graph)}>
        Export JSON
      </button>
    </div>
  );
}
