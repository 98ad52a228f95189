// The typed API between the Data panel and the import worker (Comlink). The UI
// imports this file with `import type` only.
import type { DatasetMeta } from '../engine/data/store';

export type { DatasetMeta };

export type ImportSource = { kind: 'file'; file: File } | { kind: 'folder'; name: string; files: Array<{ path: string; file: File }> };

export interface ImportProgress {
  phase: 'reading' | 'decoding' | 'storing';
  done: number;
  total: number;
}

export type ImportResult = { ok: true; meta: DatasetMeta; existed: boolean } | { ok: false; cancelled: boolean; error: string };

export interface ImporterApi {
  /** Reads, parses, decodes and stores one dataset; never rejects for bad input (the reason comes back in the result). */
  importData(source: ImportSource, options: { sizeCap: number }, onProgress: (p: ImportProgress) => void): Promise<ImportResult>;
  /** Stops the running import at its next checkpoint. */
  cancel(): void;
}
