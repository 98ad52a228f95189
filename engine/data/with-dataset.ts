// Points a graph at an imported dataset: its "Your data" nodes take the reference;
// a graph without one (a preset on MNIST, Shapes or toy 2-D points) gets its data node
// replaced by a "Your data" node with the same id, batch size and pixel range, and its
// wires moved to the new node's ports. Tensor-free: the CLI's --data and the Data
// panel's "Use in graph" share it.
import type { Graph } from '../graph';
import type { DatasetRef } from '../params';

const IMAGE_NODES: Record<string, string> = { 'data.mnist': 'image', 'data.shapes': 'image' };
const VECTOR_NODES: Record<string, string> = { 'data.toy2d': 'points' };

export interface WithDatasetResult {
  graph: Graph;
  /** The node that now reads the dataset. */
  nodeId: string | null;
  /** Why nothing could be changed (no data node of the right kind). */
  problem?: string;
}

export function withDataset(graph: Graph, ref: DatasetRef): WithDatasetResult {
  const own = graph.nodes.filter((n) => n.type === 'data.user');
  if (own.length) {
    return {
      graph: { ...graph, nodes: graph.nodes.map((n) => (n.type === 'data.user' ? { ...n, params: { ...n.params, dataset: ref } } : n)) },
      nodeId: own[0].id,
    };
  }
  const ports = ref.kind === 'image' ? IMAGE_NODES : VECTOR_NODES;
  const target = graph.nodes.find((n) => ports[n.type]);
  if (!target) {
    const other = graph.nodes.find((n) => IMAGE_NODES[n.type] || VECTOR_NODES[n.type]);
    return { graph, nodeId: null, problem: other ? `the graph reads ${IMAGE_NODES[other.type] ? 'images' : 'vectors'} (node "${other.id}"), but "${ref.name}" holds ${ref.kind === 'image' ? 'images' : 'vectors'}` : 'the graph has no data node to read the dataset' };
  }
  const old = ports[target.type];
  const keep = Object.fromEntries(Object.entries(target.params ?? {}).filter(([k]) => k === 'batchSize' || k === 'range'));
  const node = { ...target, type: 'data.user', typeVersion: 1, params: { ...keep, dataset: ref } };
  const edges = graph.edges
    // ports the new node lacks (Shapes' generative factors) lose their wires
    .filter((e) => e.from.node !== target.id || e.from.port === old || e.from.port === 'labels')
    .map((e) => (e.from.node === target.id && e.from.port === old ? { ...e, from: { ...e.from, port: 'x' } } : e));
  return { graph: { ...graph, nodes: graph.nodes.map((n) => (n === target ? node : n)), edges }, nodeId: target.id };
}
