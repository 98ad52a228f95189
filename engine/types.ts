// Core types shared by the engine, the node catalogue, the worker and the UI.
// This module is tensor-free on purpose: the UI imports it to validate and
// infer shapes on the main thread without loading TensorFlow.js.

/**
 * The closed set of port types. There is no wildcard: a port says exactly what flows.
 * tokens: a sequence of D-dimensional tokens per sample, [B, T, D] (image patches in a ViT);
 * mask: which patches are hidden, [B, gh, gw] of 0 (kept) and 1 (hidden).
 */
export const PORT_TYPES = ['image', 'vector', 'latent', 'distribution', 'scalar', 'labels', 'tokens', 'mask'] as const;
export type PortType = (typeof PORT_TYPES)[number];

/** A symbolic dimension: 'B' is the batch, numbers are fixed sizes. */
export type Dim = number | 'B';

/** What flows along an edge: a port type and a symbolic shape. */
export interface TensorType {
  type: PortType;
  shape: Dim[];
  /**
   * Several augmented views of the same B samples stacked view-major along the
   * batch axis (the leading 'B' then stands for views·B rows). One encoder node
   * applied to stacked views is how weights are shared between siamese branches.
   */
  views?: number;
  /**
   * Token sequences [B, T, D] cut from an image: the patch grid (rows, columns) the T
   * tokens came from, row-major, so masks and position embeddings know the layout.
   */
  grid?: [number, number];
}

export function formatShape(shape: readonly Dim[], views = 1): string {
  return `[${shape.map((d) => (d === 'B' && views > 1 ? `${views}×B` : d)).join(', ')}]`;
}

export function formatType(t: TensorType): string {
  return `${t.type} ${formatShape(t.shape, t.views)}`;
}

export function sameShape(a: readonly Dim[], b: readonly Dim[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Number of features per sample (product of the non-batch dims). */
export function featureSize(t: TensorType): number {
  return t.shape.reduce<number>((acc, d) => (d === 'B' ? acc : acc * d), 1);
}

/** Whether a port's values can be plotted as points of a latent space: a value per sample (not a scalar loss, not labels). */
export function isPlottable(t: TensorType | undefined): boolean {
  return !!t && t.type !== 'scalar' && t.type !== 'labels' && t.shape[0] === 'B';
}

export type IssueCode =
  | 'unknown-node-type'
  | 'bad-params'
  | 'missing-input'
  | 'duplicate-input'
  | 'unknown-port'
  | 'unknown-node'
  | 'duplicate-id'
  | 'invalid-file'
  | 'slow'
  | 'exploding'
  | 'dead-network'
  | 'cycle'
  | 'type-mismatch'
  | 'shape-mismatch'
  | 'no-dataset'
  | 'no-loss'
  | 'unsupported'
  | 'diverged'
  | 'runtime';

/** A problem with the graph, attached to the nodes (and ports) that cause it. */
export interface GraphIssue {
  code: IssueCode;
  message: string;
  nodeIds: string[];
  portIds?: string[];
  edgeIds?: string[];
  severity: 'error' | 'warning';
}

/** What a node's `infer` returns when its inputs do not fit. */
export interface NodeProblem {
  problem: string;
  code?: IssueCode;
  portIds?: string[];
}

export function isProblem(x: unknown): x is NodeProblem {
  return typeof x === 'object' && x !== null && 'problem' in x;
}

export type NodeCategory = 'data' | 'augment' | 'network' | 'operator' | 'loss';

/** Builds the value a node's `infer` returns when its inputs do not fit. */
export function problem(message: string, opts: { code?: IssueCode; portIds?: string[] } = {}): NodeProblem {
  return { problem: message, ...opts };
}
