// Which datasets a graph needs, and loading them through an injected byte
// source (fetch in the worker, the file system in Node).
import { parseMnistAsset } from '../data/mnist-format';
import type { Graph } from '../graph';
import { parseParams } from '../params';
import type { ImageDataset } from '../spec';
import type { SpecLookup } from '../validate';

/** Static asset file of each named dataset, relative to public/. */
export const DATASET_ASSETS: Record<string, { path: string; parse: (bytes: Uint8Array) => ImageDataset }> = {
  mnist: { path: 'data/mnist.bin', parse: parseMnistAsset },
};

export function datasetsNeeded(graph: Graph, lookup: SpecLookup): string[] {
  const names = new Set<string>();
  for (const n of graph.nodes) {
    const spec = lookup(n.type);
    if (!spec?.data) continue;
    const p = parseParams(spec.params, n.params);
    if (p.ok) names.add(spec.data.dataset(p.value as never));
  }
  return [...names];
}

const cache = new Map<string, ImageDataset>();

/** Loads (once per process) every dataset the graph needs. */
export async function loadDatasets(names: string[], readAsset: (path: string) => Promise<Uint8Array>): Promise<Map<string, ImageDataset>> {
  const out = new Map<string, ImageDataset>();
  for (const name of names) {
    let d = cache.get(name);
    if (!d) {
      const asset = DATASET_ASSETS[name];
      if (!asset) throw new Error(`unknown dataset "${name}"`);
      d = asset.parse(await readAsset(asset.path));
      cache.set(name, d);
    }
    out.set(name, d);
  }
  return out;
}
