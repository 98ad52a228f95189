// Which nodes a PyTorch export holds and how they train: the nodes that feed a
// loss (as in training), each with its export part, Python name and sources;
// the optimizer phases (as engine/runtime/compile/phases.ts orders them); and
// where each studio weight lands in the state_dict. Tensor-free.
import type { Graph } from '../graph';
import { hasRole } from '../spec';
import type { GraphIssue, TensorType } from '../types';
import { lossAncestors } from '../training-rules';
import { analyzeForTraining, type SpecLookup } from '../validate';
import type { NodeInfo, PartArgs, TorchLookup, TorchPart, WeightEntry } from './types';

export interface ExportedNode extends NodeInfo {
  part: TorchPart;
  label: string;
  category: string;
  /** input port -> [source node, source port] */
  sources: Record<string, [string, string]>;
  used: Set<string>;
}

export interface PhaseInfo {
  name: string;
  losses: Array<{ id: string; weight: number }>;
  /** Python attribute names of the modules this phase trains. */
  modules: string[];
  repeats: number;
}

/** One studio tensor and where it lands in the PyTorch state_dict. */
export interface WeightMapEntry {
  /** `<node id>.<studio name>` (momentum encoders: `<id>.<followed id>/<name>`). */
  studio: string;
  torch: string;
  layout: WeightEntry['layout'];
}

export interface ExportPlan {
  nodes: ExportedNode[];
  phases: PhaseInfo[];
  dataNode: ExportedNode;
  weightMap: WeightMapEntry[];
}

function pyIdent(id: string, taken: Set<string>): string {
  let s = id.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(s)) s = `n_${s}`;
  const reserved = new Set(['self', 'terms', 'batch', 'step', 'rows', 'lambda', 'def', 'class', 'for', 'in', 'if', 'else', 'return', 'import', 'from', 'training', 'fixed', 'pending']);
  if (reserved.has(s)) s = `${s}_`;
  let out = s;
  for (let i = 2; taken.has(out); i++) out = `${s}_${i}`;
  taken.add(out);
  return out;
}

/** Validates the graph and resolves every node's export part; names the nodes that cannot be exported. */
export function planExport(graph: Graph, lookup: SpecLookup, parts: TorchLookup): { ok: true; plan: ExportPlan } | { ok: false; issues: GraphIssue[] } {
  const a = analyzeForTraining(graph, lookup);
  const errors = a.issues.filter((i) => i.severity === 'error');
  if (errors.length) return { ok: false, issues: errors };
  // the nodes that feed a loss, as in training
  const needed = lossAncestors(graph, a, lookup);
  const visit = (id: string) => {
    if (needed.has(id)) return;
    needed.add(id);
    for (const e of a.incoming.get(id)?.values() ?? []) visit(e.from.node);
  };
  for (const n of graph.nodes) {
    const spec = lookup(n.type);
    if (spec?.mirror && needed.has(n.id)) for (const ref of spec.mirror.follows(a.params.get(n.id) as never)) visit(ref);
  }
  const used = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    const s = used.get(e.from.node) ?? new Set<string>();
    s.add(e.from.port);
    used.set(e.from.node, s);
  }
  const missing: string[] = [];
  const taken = new Set<string>();
  const nodes: ExportedNode[] = [];
  for (const id of a.order) {
    if (!needed.has(id)) continue;
    const gn = graph.nodes.find((n) => n.id === id)!;
    const spec = lookup(gn.type)!;
    const part = parts(gn.type);
    if (!part) {
      missing.push(id);
      continue;
    }
    const sources: Record<string, [string, string]> = {};
    const inputTypes: Record<string, TensorType> = {};
    for (const [port, e] of a.incoming.get(id) ?? []) {
      sources[port] = [e.from.node, e.from.port];
      inputTypes[port] = a.outputs.get(e.from.node)![e.from.port];
    }
    nodes.push({ id, type: gn.type, py: pyIdent(id, taken), params: a.params.get(id)!, inputTypes, outputTypes: a.outputs.get(id)!, part, label: spec.label, category: spec.category, sources, used: used.get(id) ?? new Set() });
  }
  if (missing.length) {
    const names = missing.map((id) => `${lookup(graph.nodes.find((n) => n.id === id)!.type)!.label} (${id})`);
    return { ok: false, issues: [{ code: 'unsupported', severity: 'error', nodeIds: missing, message: `no PyTorch export for ${names.join(', ')}` }] };
  }
  const dataNodes = nodes.filter((n) => lookup(n.type)!.data && !lookup(n.type)!.latent);
  if (dataNodes.length !== 1) {
    return { ok: false, issues: [{ code: 'unsupported', severity: 'error', nodeIds: dataNodes.map((n) => n.id), message: 'export needs exactly one dataset node feeding the losses' }] };
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const phases = new Map<string, PhaseInfo>();
  const phaseOrder = new Map<string, number>();
  for (const n of nodes) {
    const loss = lookup(n.type)!.loss;
    if (!loss) continue;
    const name = loss.phase(n.params as never);
    const ph = phases.get(name) ?? { name, losses: [], modules: [], repeats: 1 };
    phaseOrder.set(name, Math.min(phaseOrder.get(name) ?? Infinity, loss.phaseOrder ?? 0));
    ph.repeats = Math.max(ph.repeats, loss.repeats?.(n.params as never) ?? 1);
    ph.losses.push({ id: n.id, weight: loss.weight(n.params as never) });
    const trains = loss.trains?.(n.params as never) ?? 'all';
    const seen = new Set<string>();
    const walk = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      const c = byId.get(id)!;
      const critic = hasRole(lookup(c.type), 'critic');
      if (c.part.module && !lookup(c.type)!.mirror && (trains === 'all' || (trains === 'critic') === critic) && !ph.modules.includes(c.py)) ph.modules.push(c.py);
      for (const [src] of Object.values(c.sources)) walk(src);
    };
    walk(n.id);
    phases.set(name, ph);
  }
  // as in training: LossInfo.phaseOrder (a GAN's discriminator phase first)
  const plan: ExportPlan = { nodes, phases: [...phases.values()].sort((x, y) => phaseOrder.get(x.name)! - phaseOrder.get(y.name)!), dataNode: dataNodes[0], weightMap: [] };
  for (const n of nodes) {
    for (const w of n.part.weights?.(partArgs(plan, n)) ?? []) plan.weightMap.push({ studio: `${n.id}.${w.studio}`, torch: `${n.py}.${w.torch}`, layout: w.layout });
  }
  return { ok: true, plan };
}

export function partArgs(plan: ExportPlan, n: ExportedNode): PartArgs {
  return {
    id: n.id,
    type: n.type,
    py: n.py,
    params: n.params,
    inputTypes: n.inputTypes,
    outputTypes: n.outputTypes,
    peer: (id) => {
      const p = plan.nodes.find((m) => m.id === id);
      return p && { ...partArgs(plan, p), part: p.part };
    },
  };
}
