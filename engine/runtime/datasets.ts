// Loading the datasets a validated graph needs (ValidatedGraph.datasets): assets
// through an injected byte source (fetch in the worker, the file system in
// Node), generated sets (toy 2-D data, drawn shapes) by their data node, seeded
// by the graph.
import { parseMnistAsset } from '../data/mnist-format';
import type { Dataset } from '../spec';
import type { DatasetRequest, ReadStored } from '../validated-graph';

/** Static asset file of each named dataset, relative to public/. */
export const DATASET_ASSETS: Record<string, { path: string; parse: (bytes: Uint8Array) => Dataset }> = {
  mnist: { path: 'data/mnist.bin', parse: parseMnistAsset },
};

export type { ReadStored } from '../validated-graph';

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
