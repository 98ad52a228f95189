// The PyTorch export part of a node type. Each node file has one beside it
// (`nodes/<category>/<name>.torch.ts`), registered by type in nodes/torch.ts;
// the exporter (engine/export/assemble.ts) only wires them together. Parts are
// plain string generators: no tensors, so the exporter runs in the page, the
// CLI and the tests alike.
import type { TensorType } from '../types';

/** A Python definition a node needs (a class or function), written once per project even when several nodes share it. */
export interface PyDef {
  file: 'model' | 'losses' | 'augment';
  /** Dedupe key: parts that share a helper give it the same key. */
  key: string;
  source: string;
}

/** What a part knows about its node. */
export interface NodeInfo {
  id: string;
  type: string;
  /** Python-safe attribute name of the node (its module is `self.<py>`). */
  py: string;
  /** Params with defaults filled in. */
  params: Record<string, unknown>;
  inputTypes: Record<string, TensorType>;
  outputTypes: Record<string, TensorType>;
}

export interface PartArgs extends NodeInfo {
  /** Another node of the graph (momentum encoders look up the networks they copy). */
  peer(id: string): (PartArgs & { part: TorchPart }) | undefined;
}

export interface EmitArgs extends PartArgs {
  /** Python expression of each connected input port. */
  inputs: Record<string, string>;
  /** Python variable to assign for each output port. */
  out: Record<string, string>;
  /** Output ports with at least one edge. */
  used: ReadonlySet<string>;
}

/**
 * How a studio tensor maps onto a PyTorch state_dict entry.
 * dense: tfjs [in, out] -> nn.Linear [out, in]; conv: [k, k, in, out] -> Conv2d [out, in, k, k];
 * deconv: tfjs [k, k, out, in] -> ConvTranspose2d [in, out, k, k]; same: unchanged.
 */
export type Layout = 'same' | 'dense' | 'conv' | 'deconv';

export interface WeightEntry {
  /** Studio variable or state name of the node (momentum encoders: `<followed id>/<name>`). */
  studio: string;
  /** state_dict key under the node's module. */
  torch: string;
  layout: Layout;
}

export interface TorchPart {
  /** Python definitions this node's code calls. */
  code?: PyDef[] | ((a: PartArgs) => PyDef[]);
  /** Python expression building the node's nn.Module (nodes with weights or state); evaluated in StudioGraph.__init__. */
  module?(a: PartArgs): string;
  /**
   * Python statements computing the outputs inside StudioGraph.forward. In scope:
   * `self` (the graph; `self.<py>` is this node's module), `terms` (loss values by
   * node id and `id/term`), `self.draw(name, make)` for every random draw (the
   * parity check replaces it by the studio's), `self.after(fn)` for updates run
   * after the optimizer step, `step`, `total_steps`.
   */
  forward(a: EmitArgs): string[];
  /** Studio tensors of the node and where they go in its module's state_dict. */
  weights?(a: PartArgs): WeightEntry[];
}

export type TorchLookup = (type: string) => TorchPart | undefined;

/** Python literal of a JSON-like value. */
export function py(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return v > 0 ? 'math.inf' : v < 0 ? '-math.inf' : 'math.nan';
    return Number.isInteger(v) ? String(v) : String(v);
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(py).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}: ${py(x)}`).join(', ')}}`;
}

/** `name=value, ...` keyword arguments. */
export function kwargs(o: Record<string, unknown>): string {
  return Object.entries(o).map(([k, v]) => `${k}=${py(v)}`).join(', ');
}

/** Views stacked on the batch axis of a port's type (1 when not stacked). */
export function viewsOf(t: TensorType | undefined): number {
  return t?.views ?? 1;
}

/** Product of the non-batch dims. */
export function features(t: TensorType): number {
  return t.shape.slice(1).reduce<number>((a, d) => a * (typeof d === 'number' ? d : 1), 1);
}
