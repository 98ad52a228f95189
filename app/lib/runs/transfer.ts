// Runs files in and out of the history: one JSON file for the runs the user
// picks, and many files read at once (a class's exports) with one notice for
// all of them. The controller owns the snapshot; this is only the file logic.
import { fileSlug, stamp } from '../file-names';
import type { RunHistory } from './history';
import type { RunsHost } from './host';
import type { RunRecord } from './record';
import { exportRuns, parseRunsFile } from './runs-file';

export type RunsFileLike = { name: string; size: number; text(): Promise<string> };
const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export interface ExportFile {
  text: string;
  filename: string;
}

export function message(e: unknown): string {
  return (e as Error)?.message || String(e);
}

/** What importing needs of the controller (its history can change to in-memory, so it is read each time). */
export interface TransferTarget {
  readonly history: RunHistory;
  readonly host: RunsHost;
  setImportErrors(errors: { file: string; errors: string[] } | null): void;
  refresh(): Promise<void>;
}

/** The runs as one JSON file to download; null (with a notice) when none could be read. */
export async function exportRunsFile(t: TransferTarget, ids: string[]): Promise<ExportFile | null> {
  const loaded = await Promise.all(ids.map((id) => t.history.load(id)));
  const records = loaded.flatMap((r) => (r.ok ? [r.record] : []));
  if (records.length === 0) {
    t.host.notify('Nothing to export: the selected runs could not be read.', 'error');
    return null;
  }
  const filename = records.length === 1 ? `${fileSlug(records[0].name, 'runs')}.run.json` : `latent-studio-runs-${stamp()}.json`;
  return { text: exportRuns(records), filename };
}

/**
 * Many runs files at once (a class's 30 exports): every file is read and
 * checked, the valid runs of all of them are stored in one go, and one notice
 * says how many came from how many files; refusals are listed per file.
 */
export async function importRunsFiles(t: TransferTarget, files: readonly RunsFileLike[]): Promise<void> {
  t.setImportErrors(null);
  if (files.length === 0) return;
  const errors: string[] = [];
  const records: RunRecord[] = [];
  const named = (f: RunsFileLike, e: string) => (files.length > 1 ? `${f.name}: ${e}` : e);
  for (const file of files) {
    if (file.size > MAX_IMPORT_BYTES) {
      errors.push(named(file, 'the file is larger than 200 MB; no runs file needs that much'));
      continue;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      errors.push(named(file, `could not read the file: ${message(e)}`));
      continue;
    }
    const r = parseRunsFile(text);
    errors.push(...r.errors.map((e) => named(file, e)));
    records.push(...r.records);
  }
  const source = files.length === 1 ? files[0].name : `${files.length} files`;
  const fail = (errs: string[]) => t.setImportErrors({ file: source, errors: errs });
  if (errors.length) fail(errors);
  if (records.length === 0) return;
  try {
    const r = await t.history.importRecords(records);
    const plural = (k: number) => `${k} run${k === 1 ? '' : 's'}`;
    const already = r.unchanged.length ? ` (${plural(r.unchanged.length)} already stored, not added again)` : '';
    const imported = `Imported ${plural(r.added.length)} from ${source}${already}`;
    if (r.conflicts.length) {
      // same id, different content: only the user can say whether it is a copy worth keeping
      const keepBoth = async () => {
        const b = await t.history.importRecords(r.conflicts, { keepBoth: true });
        t.host.notify(`Kept both: added ${plural(b.added.length)} as copies`, 'success');
        await t.refresh();
      };
      t.host.notify(`${imported}. ${plural(r.conflicts.length)} ${r.conflicts.length === 1 ? 'has' : 'have'} the id of a stored run but different content and ${r.conflicts.length === 1 ? 'was' : 'were'} not imported.`, 'info', { label: 'Keep both', run: () => void keepBoth() });
    } else t.host.notify(imported, r.added.length ? 'success' : 'info');
  } catch (e) {
    fail([...errors, `could not store the runs: ${message(e)}`]);
  }
  await t.refresh();
}
