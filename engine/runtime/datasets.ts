// Which datasets a graph needs, and loading them: assets through an injected
// byte source (fetch in the worker, the file system in Node), generated sets
// (toy 2-D data, drawn shapes) by their data node, seeded by the graph.
import { parseMnistAsset } from '../data/mnist-format';
import type { Graph } from '../graph';
import { parseParams } from '../params';
import type { ImportedSet } from '../data/imported';
import type { Dataset, NodeSpec } from '../spec';
import type { SpecLookup } from '../validate';

/** Static asset file of each named dataset, relative to public/. */
export const DATASET_ASSETS: Record<string, { path: string; parse: (bytes: Uint8Array) => Dataset }> = {
  mnist: { path: 'data/mnist.bin', parse: parseMnistAsset },
};

export interface DatasetRequest {
  name: string;
  /** For generated datasets. */
  make?: () => Dataset;
  /** For imported datasets: which stored set, and how to prepare it. */
  stored?: { id: string; name: string; prepare: (set: ImportedSet) => Dataset };
}

/** Where imported datasets come from: IndexedDB in the worker, the --data file in the CLI. */
export type ReadStored = (id: string, name: string) => Promise<ImportedSet>;

/** Generated and imported sets depend on the graph seed (imported ones through their 80/20 split). */
export const seeded = (data: NonNullable<NodeSpec['data']>): boolean => !!(data.generate || data.stored);

export function datasetsNeeded(graph: Graph, lookup: SpecLookup): DatasetRequest[] {
  const out = new Map<string, DatasetRequest>();
  for (const n of graph.nodes) {
    const spec = lookup(n.type);
    if (!spec?.data) continue;
    const p = parseParams(spec.params, n.params);
    if (!p.ok) continue;
    const data = spec.data;
    const params = p.value;
    const seed = graph.meta.seed;
    // the seed is part of the key: a generated set depends on it
    const name = datasetKey(data.dataset(params), seeded(data), seed);
    const stored = data.stored?.(params);
    out.set(name, {
      name,
      make: data.generate ? () => data.generate!(params, seed) : undefined,
      stored: stored ? { id: stored.id, name: stored.name, prepare: (set) => stored.prepare(set, seed) } : undefined,
    });
  }
  return [...out.values()];
}

const cache = new Map<string, Dataset>();
const CACHE_LIMIT = 16;

/** Loads or makes (once per process) every dataset the graph needs. */
export async function loadDatasets(requests: DatasetRequest[], readAsset: (path: string) => Promise<Uint8Array>, readStored?: ReadStored): Promise<Map<string, Dataset>> {
  const out = new Map<string, Dataset>();
  for (const { name, make, stored } of requests) {
    let d = cache.get(name);
    if (!d) {
      if (make) d = make();
      else if (stored) {
        if (!readStored) throw new Error(`"${stored.name}" is an imported dataset; give its file (the CLI's --data)`);
        d = stored.prepare(await readStored(stored.id, stored.name));
      }
      else {
        const asset = DATASET_ASSETS[name];
        if (!asset) throw new Error(`unknown dataset "${name}"`);
        d = asset.parse(await readAsset(asset.path));
      }
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(name, d);
    }
    out.set(name, d);
  }
  return out;
}

/** The key under which a data node's dataset is stored for this graph. */
export function datasetKey(name: string, generated: boolean, seed: number): string {
  return generated ? `${name}#${seed}` : name;
}
