// Reading a graph file the user picked or dropped: size, readability and the
// schema are checked before anything replaces the canvas; every refusal says why.
import { parseGraph, type Graph } from '../../engine/graph';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface GraphFileProblem {
  tone: 'error' | 'warning';
  title: string;
  lines: string[];
}

export type GraphFileRead = { ok: true; graph: Graph; warning: GraphFileProblem | null } | { ok: false; problem: GraphFileProblem };

export async function readGraphFile(file: { name: string; size: number; text(): Promise<string> }): Promise<GraphFileRead> {
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, problem: { tone: 'error', title: `Could not import ${file.name}: the file is larger than 5 MB, which no graph needs.`, lines: [] } };
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return { ok: false, problem: { tone: 'error', title: `Could not read ${file.name}.`, lines: [(e as Error).message] } };
  }
  const r = parseGraph(text);
  if (!r.ok) return { ok: false, problem: { tone: 'error', title: `Could not import ${file.name}: it is not a valid graph file.`, lines: r.errors } };
  const n = r.renamed.length;
  const warning = n
    ? { tone: 'warning' as const, title: `Imported ${file.name}; ${n} id${n > 1 ? 's' : ''} did not fit the id pattern (letters, digits, _ and -) and ${n > 1 ? 'were' : 'was'} renamed.`, lines: r.renamed.slice(0, 8).map((x) => `${x.kind} "${x.from.slice(0, 60)}" → "${x.to}"`) }
    : null;
  return { ok: true, graph: r.graph, warning };
}
