// Figures carry their graph: PNG exports get the graph JSON in an iTXt chunk
// (png-text.ts), and a file dropped on the canvas is recognised as a figure,
// a runs file, a dataset or a graph. Whatever it is, a graph goes through
// parseGraph and replaces the canvas only as a link does (Undo, Recent).
import { parseGraph, type Graph } from '../../../engine/graph';
import { isDataFile } from '../datasets';
import { readGraphFile, type GraphFileRead } from '../graph-file';
import { EXPORT_KIND } from '../runs/runs-file';
import { GRAPH_KEYWORD, addPngText, isPng, readPngText } from './png-text';

export async function embedGraph(png: Blob, graph: Graph): Promise<Blob> {
  const bytes = addPngText(new Uint8Array(await png.arrayBuffer()), GRAPH_KEYWORD, JSON.stringify(graph));
  return new Blob([bytes as BlobPart], { type: 'image/png' });
}

const MAX_FIGURE_BYTES = 50 * 1024 * 1024;

type FileLike = { name: string; size: number; type?: string; text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer> };

export type Dropped = { kind: 'data' } | { kind: 'runs' } | { kind: 'graph'; read: GraphFileRead };

function fromFigure(name: string, bytes: Uint8Array): GraphFileRead {
  const t = readPngText(bytes);
  if (!t.ok) return { ok: false, problem: { tone: 'error', title: `Could not open ${name}: ${t.error}.`, lines: [] } };
  const text = t.texts.get(GRAPH_KEYWORD);
  if (text === undefined) return { ok: false, problem: { tone: 'error', title: `${name} is a picture without a graph in it: only figures exported by Latent Studio carry their graph.`, lines: [] } };
  const r = parseGraph(text);
  if (!r.ok) return { ok: false, problem: { tone: 'error', title: `The graph inside ${name} is not valid, so nothing was loaded.`, lines: r.errors } };
  return { ok: true, graph: r.graph, warning: null };
}

/** What a dropped file is; a figure's or a graph file's graph is read and checked here. */
export async function readDropped(file: FileLike): Promise<Dropped> {
  if (isDataFile(file.name)) return { kind: 'data' };
  if (/\.png$/i.test(file.name) || file.type === 'image/png') {
    if (file.size > MAX_FIGURE_BYTES) return { kind: 'graph', read: { ok: false, problem: { tone: 'error', title: `Could not open ${file.name}: larger than 50 MB.`, lines: [] } } };
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (isPng(bytes)) return { kind: 'graph', read: fromFigure(file.name, bytes) };
  }
  // a runs file says what it is in its first bytes; no need to parse megabytes twice
  if (file.size > 0) {
    const head = 'slice' in file && typeof file.slice === 'function' ? await (file as unknown as Blob).slice(0, 200).text() : (await file.text()).slice(0, 200);
    if (head.includes(`"kind":"${EXPORT_KIND}"`) || head.includes(`"kind": "${EXPORT_KIND}"`)) return { kind: 'runs' };
  }
  return { kind: 'graph', read: await readGraphFile(file) };
}
