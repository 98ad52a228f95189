// Runs files: `{ kind, version, exportedAt, runs: [...] }`. Import also takes a bare record or
// an array of records, since people pass single runs around; every record goes through
// parseRunRecord (migrated, validated), one line per run that could not be read.
import { isObj, parseRunRecord, type RunRecord } from './record';

export const EXPORT_KIND = 'latent-studio/runs';

export function exportRuns(records: readonly RunRecord[], now = Date.now()): string {
  return JSON.stringify({ kind: EXPORT_KIND, version: 1, exportedAt: new Date(now).toISOString(), runs: records }) + '\n';
}

export interface RunsFileContents {
  records: RunRecord[];
  /** One line per run (or for the whole file) that could not be read. */
  errors: string[];
}

export function parseRunsFile(text: string): RunsFileContents {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { records: [], errors: [`not valid JSON: ${(e as Error).message}`] };
  }
  let list: unknown[];
  if (Array.isArray(raw)) list = raw;
  else if (isObj(raw) && raw.kind === EXPORT_KIND) {
    if (!Array.isArray(raw.runs)) return { records: [], errors: ['runs: missing or not a list'] };
    list = raw.runs;
  } else if (isObj(raw) && 'metrics' in raw && 'graph' in raw) list = [raw];
  else if (isObj(raw) && 'nodes' in raw && 'edges' in raw) return { records: [], errors: ['this is a graph file, not a runs file: open it with Import JSON in the top bar'] };
  else return { records: [], errors: [`not a Latent Studio runs file (expected "kind": "${EXPORT_KIND}")`] };
  if (list.length === 0) return { records: [], errors: ['the file holds no runs'] };
  const records: RunRecord[] = [];
  const errors: string[] = [];
  list.forEach((item, i) => {
    const p = parseRunRecord(item);
    const label = isObj(item) && typeof item.name === 'string' ? `run ${i + 1} (“${item.name.slice(0, 60)}”)` : `run ${i + 1}`;
    if (p.ok) records.push(p.record);
    else errors.push(`${label}: ${p.errors.slice(0, 3).join('; ')}${p.errors.length > 3 ? ` (+${p.errors.length - 3} more)` : ''}`);
  });
  return { records, errors };
}
