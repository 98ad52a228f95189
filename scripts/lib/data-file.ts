// The CLI's --data FILE: reads an .npz / .npy / .zip / .csv the way the app's import
// does (same parsers; PNG/JPEG/BMP decoded by pngjs / jpeg-js), and points the graph at it.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkSize, DEFAULT_SIZE_CAP, importFile } from '../../engine/data/import-file';
import type { ImportedSet } from '../../engine/data/imported';
import { contentHash, metaOf, refOf } from '../../engine/data/store';
import { withDataset } from '../../engine/data/with-dataset';
import { parseGraph } from '../../engine/graph';
import { decodeImageNode } from './decode-image';

export interface DataFile {
  set: ImportedSet;
  /** What the CLI prints about it (a `data` JSON line). */
  summary: { type: 'data'; file: string; kind: 'image' | 'vector'; sampleShape: number[]; classes: number; classCounts: number[] | null; train: number; test: number; ownSplit: boolean; notes: string[] };
  graph: unknown;
}

/** Throws an Error whose message names the file and the problem. */
export async function attachDataFile(file: string, graph: unknown, sizeCap = DEFAULT_SIZE_CAP): Promise<DataFile> {
  const name = path.basename(file);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
  checkSize(name, size, sizeCap);
  const set = await importFile(name, new Uint8Array(await readFile(file)), { decode: decodeImageNode, sizeCap });
  const meta = metaOf(set, await contentHash(set), name.replace(/\.[^.]+$/, ''), name);
  const parsed = parseGraph(graph);
  // an invalid graph is reported by the training session as usual
  let out = graph;
  if (parsed.ok) {
    const r = withDataset(parsed.graph, refOf(meta));
    if (r.problem) throw new Error(`--data ${name}: ${r.problem}`);
    out = r.graph;
  }
  return {
    set,
    graph: out,
    summary: { type: 'data', file, kind: set.kind, sampleShape: set.sampleShape, classes: set.classNames?.length ?? 0, classCounts: meta.classCounts, train: meta.trainCount, test: meta.testCount, ownSplit: meta.ownSplit, notes: set.notes },
  };
}
