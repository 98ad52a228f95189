// The compiler's input: a graph checked for training and analysed ONCE per run
// (trainSession calls validateForTraining before choosing a backend). Each node
// carries its spec, its params migrated by `spec.migrate` and parsed, its port
// types and sources; the graph carries its backend needs and the datasets its
// data nodes draw from. Nothing downstream parses params or walks edges again.
import type { ImportedSet } from './data/imported';
import type { Graph } from './graph';
import type { ParamDefs, ParamValues } from './params';
import type { Dataset, NodeSpec } from './spec';
import type { GraphIssue, TensorType } from './types';
import { lossAncestors } from './training-rules';
import { analyzeForTraining, type SpecLookup } from './validate';

/** A node of a graph that passed validation, with everything the compiler needs to know about it. */
export interface ValidNode {
  id: string;
  spec: NodeSpec<ParamDefs>;
  /** Migrated to the spec's version and parsed, defaults filled in. */
  params: ParamValues<ParamDefs>;
  inputTypes: Record<string, TensorType>;
  outputTypes: Record<string, TensorType>;
  /** input port -> [source node, source port] */
  sources: Record<string, [string, string]>;
  /** Output ports with at least one edge. */
  used: Set<string>;
}

/** A dataset a data node draws from, by the key the compiler looks it up under. */
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

/** A graph checked for training, analysed once per run; the compiler's only input besides the loaded datasets. */
export interface ValidatedGraph {
  graph: Graph;
  /** Every node, in topological order. */
  nodes: ValidNode[];
  byId: Map<string, ValidNode>;
  /** Some node needs convolution gradients (rules out the wasm backend). */
  needsConv: boolean;
  /** The datasets of the data nodes, deduplicated by key. */
  datasets: DatasetRequest[];
  /** The nodes that feed a loss (the losses included): nothing else trains or runs. */
  trained: ReadonlySet<string>;
}

export type Validation = { ok: true; graph: ValidatedGraph } | { ok: false; issues: GraphIssue[] };

/** The key under which a data node's dataset is stored for this graph: the seed is part of a generated set's key. */
export function datasetKey(name: string, generated: boolean, seed: number): string {
  return generated ? `${name}#${seed}` : name;
}

/** analyzeForTraining(), and when it finds no error, the typed graph the compiler takes. */
export function validateForTraining(graph: Graph, lookup: SpecLookup): Validation {
  const a = analyzeForTraining(graph, lookup);
  const errors = a.issues.filter((i) => i.severity === 'error');
  if (errors.length) return { ok: false, issues: errors };
  const used = new Map<string, Set<string>>();
  for (const e of graph.edges) used.set(e.from.node, (used.get(e.from.node) ?? new Set()).add(e.from.port));
  const byGraphId = new Map(graph.nodes.map((n) => [n.id, n]));
  const nodes: ValidNode[] = [];
  for (const id of a.order) {
    const spec = lookup(byGraphId.get(id)!.type)!;
    const sources: Record<string, [string, string]> = {};
    const inputTypes: Record<string, TensorType> = {};
    for (const [port, e] of a.incoming.get(id) ?? []) {
      sources[port] = [e.from.node, e.from.port];
      inputTypes[port] = a.outputs.get(e.from.node)![e.from.port];
    }
    // without errors every node has params and inferred outputs
    nodes.push({ id, spec, params: a.params.get(id)!, inputTypes, outputTypes: a.outputs.get(id)!, sources, used: used.get(id) ?? new Set() });
  }
  const seed = graph.meta.seed;
  const datasets = new Map<string, DatasetRequest>();
  for (const { spec, params } of nodes) {
    const data = spec.data;
    if (!data) continue;
    // the seed is part of the key: a generated or split set depends on it
    const name = datasetKey(data.dataset(params), seeded(data), seed);
    const stored = data.stored?.(params);
    datasets.set(name, {
      name,
      make: data.generate ? () => data.generate!(params, seed) : undefined,
      stored: stored ? { id: stored.id, name: stored.name, prepare: (set) => stored.prepare(set, seed) } : undefined,
    });
  }
  return {
    ok: true,
    graph: {
      graph,
      nodes,
      byId: new Map(nodes.map((n) => [n.id, n])),
      needsConv: nodes.some((n) => n.spec.usesConv?.(n.params) ?? false),
      datasets: [...datasets.values()],
      trained: lossAncestors(graph, a, lookup),
    },
  };
}
