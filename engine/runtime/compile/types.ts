// The compiler's vocabulary: a compiled node (a validated node plus the
// variables and state it owns), the optimizer phases, the plan, and what one
// forward pass takes and returns.
import type { Graph } from '../../graph';
import type { BatchRequest, Dataset, Tensor, Variable } from '../../spec';
import type { GraphIssue, TensorType } from '../../types';
import type { ValidNode } from '../../validated-graph';

export type StateMap = Record<string, Tensor>;

/** A momentum encoder's EMA copy of one online network it follows. */
export interface Mirror {
  node: CompiledNode;
  vars: Record<string, Variable>;
  state: StateMap;
  inputType: TensorType;
  outputType: TensorType;
}

export interface CompiledNode extends ValidNode {
  vars: Record<string, Variable>;
  state: StateMap;
  /** Momentum encoders: EMA copies of each followed node, in the order they are applied. */
  mirrors?: Mirror[];
}

export interface LossNode {
  id: string;
  label: string;
  phase: string;
  weight: number;
}

export interface Phase {
  name: string;
  losses: LossNode[];
  vars: Variable[];
  /** Updates per training step. */
  repeats: number;
}

export interface ForwardResult {
  outputs: Map<string, Record<string, Tensor>>;
  /** Loss node id -> its scalar loss, and `${id}/${term}` -> sub-terms. */
  terms: Map<string, Tensor>;
}

export interface ForwardArgs {
  training: boolean;
  step: number;
  totalSteps: number;
  batch: BatchRequest;
  /** Call index within the step, so two passes in one step draw different noise. */
  pass: number;
  /** Ask loss nodes for unreduced per-sample values (energy landscape). */
  perSample?: boolean;
  /** Replace one node's outputs (e.g. decode chosen codes: prior samples, interpolations). */
  overrides?: Map<string, Record<string, Tensor>>;
}

export interface Plan {
  graph: Graph;
  /** The nodes that feed a loss, in topological order. */
  nodes: CompiledNode[];
  phases: Phase[];
  dataNodeId: string;
  /** The dataset the data node draws from. */
  dataset: Dataset;
  batchSize: number;
  needsConv: boolean;
  forward(args: ForwardArgs): ForwardResult;
  /**
   * The output of one port on clean inputs, for evaluation: only its ancestors
   * run, nodes with the 'eval-passthrough' role (augmentations, view stacking)
   * pass their input through, networks run in eval mode. `inspect` becomes the
   * target node's ctx.probe (attention maps).
   */
  embed(nodeId: string, port: string, batch: BatchRequest, inspect?: (name: string, value: Tensor) => void): Tensor;
  /** EMA updates of momentum encoders that run at this point of the step. */
  updateMirrors(when: 'before-step' | 'after-step', step: number, totalSteps: number): void;
  /** Runs the after-step updates registered by the last training forward pass. */
  runAfterStep(): void;
  /** Drops pending after-step updates (after a failed step). */
  clearAfterStep(): void;
  dispose(): void;
}

export type CompileResult = { ok: true; plan: Plan } | { ok: false; issues: GraphIssue[] };

/** An error raised while running one node, so the UI can mark that node. */
export class NodeError extends Error {
  constructor(
    readonly nodeId: string,
    message: string,
  ) {
    super(message);
  }
}
