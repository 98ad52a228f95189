// Imported datasets as the UI sees them: the list (metadata only, from IndexedDB),
// the one import that may be running (its progress, Cancel), and its outcome. The
// import itself runs in workers/import.worker.ts; this file only hands it File
// handles, so the main thread never parses or decodes anything.
import * as Comlink from 'comlink';
import { DEFAULT_SIZE_CAP, IMPORT_EXTENSIONS } from '../../engine/data/import-file';
import { deleteDataset, listDatasets, renameDataset, type DatasetMeta } from '../../engine/data/store';
import type { ImporterApi, ImportProgress, ImportResult, ImportSource } from '../../workers/import-protocol';

export type { DatasetMeta };

export interface ImportState {
  name: string;
  progress: ImportProgress;
}

export interface DatasetsSnapshot {
  /** null until the first listing arrives */
  list: DatasetMeta[] | null;
  importing: ImportState | null;
  /** The last import's outcome: an error naming the file, or what was imported with its notes. */
  outcome: { tone: 'error' | 'success'; title: string; lines: string[] } | null;
  sizeCapMb: number;
  /** Why the list could not be read (private mode, no IndexedDB). */
  storageError: string | null;
}

const CAP_KEY = 'latent-studio:import-cap-mb';

/** Files the Data panel imports (everything else dropped on the canvas is a graph file). */
export const isDataFile = (name: string) => IMPORT_EXTENSIONS.some((x) => name.toLowerCase().endsWith(x));

export class DatasetsStore {
  private snap: DatasetsSnapshot;
  private listeners = new Set<() => void>();
  private worker: Worker | null = null;
  private api: Comlink.Remote<ImporterApi> | null = null;

  constructor() {
    const saved = typeof localStorage !== 'undefined' ? Number(localStorage.getItem(CAP_KEY)) : NaN;
    this.snap = { list: null, importing: null, outcome: null, sizeCapMb: saved > 0 ? saved : DEFAULT_SIZE_CAP / 1024 / 1024, storageError: null };
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  };
  getSnapshot = () => this.snap;

  private set(patch: Partial<DatasetsSnapshot>) {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  async refresh(): Promise<void> {
    try {
      this.set({ list: await listDatasets(), storageError: null });
    } catch (e) {
      this.set({ list: [], storageError: `Imported datasets cannot be stored in this browser: ${(e as Error).message}` });
    }
  }

  setSizeCap(mb: number) {
    if (!(mb > 0)) return;
    localStorage.setItem(CAP_KEY, String(mb));
    this.set({ sizeCapMb: mb });
  }

  private importer(): Comlink.Remote<ImporterApi> {
    if (!this.api) {
      // Keep `new URL(...)` literally inside `new Worker(...)`: that is the form Next's bundler recognises.
      this.worker = new Worker(new URL('../../workers/import.worker.ts', import.meta.url));
      this.api = Comlink.wrap<ImporterApi>(this.worker);
    }
    return this.api;
  }

  /** Imports one file or folder; resolves with the stored dataset, or null (the outcome says why). */
  async import(source: ImportSource): Promise<DatasetMeta | null> {
    if (this.snap.importing) {
      this.set({ outcome: { tone: 'error', title: `Finish or cancel the import of ${this.snap.importing.name} first`, lines: [] } });
      return null;
    }
    const name = source.kind === 'file' ? source.file.name : source.name;
    this.set({ importing: { name, progress: { phase: 'reading', done: 0, total: 1 } }, outcome: null });
    let r: ImportResult;
    try {
      r = await this.importer().importData(
        source,
        { sizeCap: this.snap.sizeCapMb * 1024 * 1024 },
        Comlink.proxy((progress: ImportProgress) => {
          if (this.snap.importing) this.set({ importing: { name, progress } });
        }),
      );
    } catch (e) {
      r = { ok: false, cancelled: false, error: `${name}: the import stopped unexpectedly (${(e as Error).message})` };
    }
    this.set({ importing: null });
    if (!r.ok) {
      this.set({ outcome: r.cancelled ? null : { tone: 'error', title: `Could not import ${name}`, lines: [r.error] } });
      return null;
    }
    await this.refresh();
    const m = r.meta;
    this.set({ outcome: { tone: 'success', title: r.existed ? `${name} is already imported as “${m.name}”` : `Imported ${name} as “${m.name}”`, lines: m.notes } });
    return m;
  }

  cancel() {
    void this.api?.cancel();
  }

  async rename(id: string, name: string) {
    await renameDataset(id, name);
    await this.refresh();
  }

  async remove(id: string) {
    await deleteDataset(id);
    await this.refresh();
  }

  dismissOutcome() {
    this.set({ outcome: null });
  }
}

/** The folder picker's files, with their paths below the picked folder. */
export function folderSource(files: FileList): ImportSource | null {
  const list = Array.from(files);
  if (!list.length) return null;
  const rel = (f: File) => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
  const name = rel(list[0]).split('/')[0] || 'folder';
  return { kind: 'folder', name, files: list.map((file) => ({ path: rel(file), file })) };
}

let shared: DatasetsStore | null = null;
/** The page's one store (the Data panel, the inspector and the graph check share it). */
export function datasetsStore(): DatasetsStore {
  shared ??= new DatasetsStore();
  return shared;
}
