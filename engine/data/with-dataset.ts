// Points a graph at an imported dataset: its "Your data" nodes take the reference;
// a graph without one (a preset on MNIST, Shapes or toy 2-D points) gets its data node
// replaced by a "Your data" node with the same id, batch size and pixel range, and its
// wires moved to the new node's ports. Tensor-free: the CLI's --data and the Data
// panel's "Use in graph" share it. Decoders and dictionaries then draw images
// of the dataset's size and channel count.
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

/** Nodes that draw images from a code, and the params that set the image they draw. */
const IMAGE_MAKERS = new Set(['net.decoder', 'net.dictionary']);
const CHANNELS_PARAM: Record<string, string> = { 'net.decoder': 'channelsOut', 'net.dictionary': 'channels' };

/**
 * The images the "Your data" node will produce (its size and colour params, as
 * nodes/data/user-data.ts prepares them), given to every decoder and dictionary:
 * an RGB set gets 3-channel reconstructions, a 32-pixel set 32-pixel ones.
 */
function followImages(graph: Graph, ref: DatasetRef, dataParams: Record<string, unknown>): Graph {
  if (ref.kind !== 'image') return graph;
  const size = Number(dataParams.size ?? 28);
  const color = dataParams.color ?? 'as imported';
  const channels = color === 'grayscale' ? 1 : color === 'rgb' ? 3 : ref.shape[2] === 3 ? 3 : 1;
  const nodes = graph.nodes.map((n) => (IMAGE_MAKERS.has(n.type) ? { ...n, params: { ...n.params, height: size, width: size, [CHANNELS_PARAM[n.type]]: channels } } : n));
  return { ...graph, nodes };
}

export function withDataset(graph: Graph, ref: DatasetRef): WithDatasetResult {
  const own = graph.nodes.filter((n) => n.type === 'data.user');
  if (own.length) {
    const g = { ...graph, nodes: graph.nodes.map((n) => (n.type === 'data.user' ? { ...n, params: { ...n.params, dataset: ref } } : n)) };
    return { graph: followImages(g, ref, own[0].params ?? {}), nodeId: own[0].id };
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
  return { graph: followImages({ ...graph, nodes: graph.nodes.map((n) => (n === target ? node : n)), edges }, ref, node.params), nodeId: target.id };
}
