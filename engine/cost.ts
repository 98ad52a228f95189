// A rough price of one training step, from the inferred shapes alone, so the
// inspector can warn before Train when a chosen size makes a step slow (a
// 8192-wide projector, 500 inner ISTA steps). Dense-layer arithmetic only:
// weights = Σ widthᵢ·widthᵢ₊₁ over [inputs, ...hidden, outputs]; a step costs
// ~3 multiply-adds per weight per row (forward, two backward products), and a
// latent node's inner loop ~2·steps·dim·(features it explains) per row.
import type { Graph } from './graph';
import { featureSize, type GraphIssue, type TensorType } from './types';
import type { Analysis, SpecLookup } from './validate';

/** Above this many multiply-adds per step a node gets a "slow" warning (≈ seconds per step on wasm / cpu). */
export const SLOW_STEP_MACS = 2e9;

export interface NodeCost {
  weights: number;
  /** Multiply-adds per training step (batch included). */
  macs: number;
}

const width = (types: TensorType[]) => types.reduce((s, t) => s + featureSize(t), 0);
const rowsOf = (t: TensorType | undefined, batch: number) => batch * (t?.views ?? 1);

export function stepCosts(graph: Graph, a: Analysis, lookup: SpecLookup, batch: number): Map<string, NodeCost> {
  const out = new Map<string, NodeCost>();
  for (const n of graph.nodes) {
    const spec = lookup(n.type);
    const params = a.params.get(n.id);
    const outputs = a.outputs.get(n.id);
    if (!spec || !params || !outputs || out.has(n.id)) continue;
    const ins = [...(a.incoming.get(n.id)?.values() ?? [])].map((e) => a.edgeTypes.get(e.id)).filter((t): t is TensorType => !!t);
    const outs = Object.values(outputs);
    const rows = rowsOf(ins[0] ?? outs[0], batch);
    if (spec.latent) {
      // inner minimisation: each step multiplies the code through the weights it feeds and back
      const steps = typeof params.steps === 'number' ? params.steps : 1;
      const dim = featureSize(outs[0]);
      const explained = graph.edges.filter((e) => e.from.node === n.id).map((e) => a.outputs.get(e.to.node)).flatMap((o) => Object.values(o ?? {}));
      out.set(n.id, { weights: 0, macs: 2 * steps * rows * dim * Math.max(1, width(explained)) });
      continue;
    }
    if (spec.category !== 'network') continue;
    const hidden = Array.isArray(params.hidden) ? (params.hidden as number[]) : [];
    const sizes = [width(ins), ...hidden, width(outs)].filter((s) => s > 0);
    let weights = 0;
    for (let i = 0; i + 1 < sizes.length; i++) weights += sizes[i] * sizes[i + 1];
    out.set(n.id, { weights, macs: 3 * rows * weights });
  }
  return out;
}

const human = (x: number) => (x >= 1e9 ? `${(x / 1e9).toFixed(1)} billion` : x >= 1e6 ? `${(x / 1e6).toFixed(1)} million` : `${Math.round(x / 1e3)} thousand`);

/** "slow" warnings for the nodes whose step cost passes SLOW_STEP_MACS. */
export function slowStepWarnings(graph: Graph, a: Analysis, lookup: SpecLookup): GraphIssue[] {
  const dataNode = graph.nodes.find((n) => lookup(n.type)?.data && a.params.has(n.id));
  const spec = dataNode && lookup(dataNode.type);
  let batch = 128;
  try {
    if (dataNode && spec?.data) batch = spec.data.batchSize(a.params.get(dataNode.id) as never);
  } catch {
    // a data node without a readable batch size: keep the default
  }
  const issues: GraphIssue[] = [];
  for (const [id, c] of stepCosts(graph, a, lookup, batch)) {
    if (c.macs < SLOW_STEP_MACS) continue;
    const label = lookup(graph.nodes.find((n) => n.id === id)!.type)!.label;
    const what = c.weights ? `${human(c.weights)} weights; ` : '';
    issues.push({ code: 'slow', severity: 'warning', nodeIds: [id], message: `${label}: ${what}about ${human(c.macs)} multiply-adds per training step (batch ${batch}), so each step may take seconds (more on wasm / cpu). Smaller sizes train faster.` });
  }
  return issues;
}
