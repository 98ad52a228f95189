// validate + infer: from a Graph to the issues on its nodes and the tensor type
// on every port, without any tensors. Runs on the UI thread (instant feedback
// on the canvas) and, once per run, in the worker, where validated-graph.ts
// turns the analysis into the typed graph the compiler takes.
import type { Graph, GraphEdge, GraphNode } from './graph';
import { parseParams, type ParamDefs, type ParamValues } from './params';
import { quote } from './quote';
import { slowStepWarnings } from './cost';
import { accepts, type NodeSpec, type PortSpec } from './spec';
import { findCycle } from './cycle';
import { trainedGraphRules } from './training-rules';
import { formatType, isProblem, type GraphIssue, type TensorType } from './types';

export type SpecLookup = (type: string) => NodeSpec<ParamDefs> | undefined;

export interface Analysis {
  issues: GraphIssue[];
  /** Output types per node, per port (only for nodes whose inference succeeded). */
  outputs: Map<string, Record<string, TensorType>>;
  /** Inferred type carried by each edge. */
  edgeTypes: Map<string, TensorType>;
  /** Params migrated to the spec's version (`migrateParams`) and parsed, defaults filled in, for nodes whose params are valid. */
  params: Map<string, ParamValues<ParamDefs>>;
  /** Topological order of the nodes not in a cycle (Kahn). */
  order: string[];
  /** Incoming edge per node per input port. */
  incoming: Map<string, Map<string, GraphEdge>>;
}

/** A node's saved params upgraded to its spec's version (not yet parsed). */
export function migrateParams(spec: NodeSpec<ParamDefs>, node: GraphNode): Record<string, unknown> {
  return node.typeVersion < spec.version && spec.migrate ? spec.migrate(node.params, node.typeVersion) : node.params;
}

export function nodeName(spec: NodeSpec<ParamDefs> | undefined, node: GraphNode): string {
  return spec ? spec.label : node.type;
}

// named as the canvas shows the port (node title, port label), not by the ids a file uses
function portLabel(spec: NodeSpec<ParamDefs>, port: PortSpec): string {
  return `${spec.label} · ${port.label}`;
}

/** "Decoder · latent expects latent or vector, got image [B, 28, 28, 1]" — or null when compatible. */
export function connectionProblem(
  fromSpec: NodeSpec<ParamDefs>,
  fromPort: string,
  fromType: TensorType | undefined,
  toSpec: NodeSpec<ParamDefs>,
  toPort: string,
): string | null {
  const out = fromSpec.outputs.find((p) => p.id === fromPort);
  const inp = toSpec.inputs.find((p) => p.id === toPort);
  if (!out) return `${fromSpec.label} has no output "${fromPort}"`;
  if (!inp) return `${toSpec.label} has no input "${toPort}"`;
  const t = fromType?.type ?? out.type;
  const ok = accepts(inp);
  if (ok.includes(t)) return null;
  const got = fromType ? formatType(fromType) : t;
  return `${portLabel(toSpec, inp)} expects ${ok.join(' or ')}, got ${got}`;
}

export function analyze(graph: Graph, lookup: SpecLookup): Analysis {
  const issues: GraphIssue[] = [];
  const specs = new Map<string, NodeSpec<ParamDefs>>();
  const params = new Map<string, ParamValues<ParamDefs>>();
  const badNodes = new Set<string>();

  // Every later pass works on the first node of each id; a repeat is reported once and left out,
  // so it cannot fake a cycle or a missing input.
  const nodes = new Map<string, GraphNode>();
  const repeats = new Map<string, number>();
  for (const n of graph.nodes) {
    if (nodes.has(n.id)) repeats.set(n.id, (repeats.get(n.id) ?? 1) + 1);
    else nodes.set(n.id, n);
  }
  for (const [id, count] of repeats) {
    issues.push({ code: 'duplicate-id', severity: 'error', nodeIds: [id], message: `${count} nodes share the id ${quote(id)}; every node needs its own id` });
    badNodes.add(id);
  }

  for (const n of nodes.values()) {
    const spec = lookup(n.type);
    if (!spec) {
      issues.push({ code: 'unknown-node-type', severity: 'error', nodeIds: [n.id], message: `unknown node type ${quote(n.type)}` });
      badNodes.add(n.id);
      continue;
    }
    specs.set(n.id, spec);
    if (n.typeVersion > spec.version) {
      issues.push({ code: 'bad-params', severity: 'error', nodeIds: [n.id], message: `${spec.label} was saved by a newer version (${n.typeVersion} > ${spec.version})` });
      badNodes.add(n.id);
      continue;
    }
    const r = parseParams(spec.params, migrateParams(spec, n));
    if (r.ok) params.set(n.id, r.value);
    else {
      issues.push({ code: 'bad-params', severity: 'error', nodeIds: [n.id], message: `${spec.label}: ${r.errors.join('; ')}` });
      badNodes.add(n.id);
    }
  }

  // Edges: endpoints exist, directions right, one edge per input port.
  const incoming = new Map<string, Map<string, GraphEdge>>();
  const outgoing = new Map<string, GraphEdge[]>();
  const goodEdges: GraphEdge[] = [];
  const edgeIds = new Set<string>();
  for (const e of graph.edges) {
    const a = nodes.get(e.from.node);
    const b = nodes.get(e.to.node);
    if (edgeIds.has(e.id)) {
      issues.push({ code: 'duplicate-id', severity: 'error', nodeIds: [a?.id, b?.id].filter((x): x is string => !!x), edgeIds: [e.id], message: `two edges share the id ${quote(e.id)}; the second (${quote(e.from.node)} → ${quote(e.to.node)}) is ignored` });
      continue;
    }
    edgeIds.add(e.id);
    if (!a || !b) {
      const missing = !a ? e.from.node : e.to.node;
      issues.push({ code: 'unknown-node', severity: 'error', nodeIds: [a?.id, b?.id].filter((x): x is string => !!x), edgeIds: [e.id], message: `edge ${quote(e.id)} refers to a node ${quote(missing)} that does not exist` });
      continue;
    }
    const sa = specs.get(a.id);
    const sb = specs.get(b.id);
    if (!sa || !sb) continue;
    if (!sa.outputs.some((p) => p.id === e.from.port)) {
      issues.push({ code: 'unknown-port', severity: 'error', nodeIds: [a.id], portIds: [e.from.port], edgeIds: [e.id], message: `${sa.label} has no output ${quote(e.from.port)}` });
      continue;
    }
    if (!sb.inputs.some((p) => p.id === e.to.port)) {
      issues.push({ code: 'unknown-port', severity: 'error', nodeIds: [b.id], portIds: [e.to.port], edgeIds: [e.id], message: `${sb.label} has no input ${quote(e.to.port)}` });
      continue;
    }
    const ins = incoming.get(b.id) ?? new Map<string, GraphEdge>();
    if (ins.has(e.to.port)) {
      issues.push({ code: 'duplicate-input', severity: 'error', nodeIds: [b.id], portIds: [e.to.port], edgeIds: [e.id], message: `${sb.label}.${e.to.port} already has an input; an input takes one edge` });
      continue;
    }
    ins.set(e.to.port, e);
    incoming.set(b.id, ins);
    const outs = outgoing.get(a.id);
    if (outs) outs.push(e);
    else outgoing.set(a.id, [e]);
    goodEdges.push(e);
  }

  // Kahn's algorithm (linear in nodes + edges); whatever is left sits on or behind a cycle.
  const indeg = new Map([...nodes.keys()].map((id) => [id, 0]));
  for (const e of goodEdges) indeg.set(e.to.node, (indeg.get(e.to.node) ?? 0) + 1);
  const queue = [...nodes.keys()].filter((id) => indeg.get(id) === 0);
  const order: string[] = [];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    order.push(id);
    for (const e of outgoing.get(id) ?? []) {
      const d = indeg.get(e.to.node)! - 1;
      indeg.set(e.to.node, d);
      if (d === 0) queue.push(e.to.node);
    }
  }
  if (order.length < nodes.size) {
    const ordered = new Set(order);
    const inCycle = findCycle([...nodes.keys()].filter((id) => !ordered.has(id)), outgoing);
    // a long cycle is named by its first nodes; nodeIds still carries every one
    const names = inCycle.slice(0, 6).map((id) => `${nodeName(specs.get(id), nodes.get(id)!)} (${id})`);
    if (inCycle.length > 6) names.push(`… ${inCycle.length - 6} more`);
    issues.push({ code: 'cycle', severity: 'error', nodeIds: inCycle, message: `the graph has a cycle: ${names.join(' → ')} → back to the start; data must flow one way` });
  }

  const lookupNode = (ref: string) => {
    const s = specs.get(ref);
    const p = params.get(ref);
    return s && p && !badNodes.has(ref) ? { spec: s, params: p } : undefined;
  };

  // Type inference in topological order; a node whose inputs failed is skipped (no cascade of messages).
  const outputs = new Map<string, Record<string, TensorType>>();
  const edgeTypes = new Map<string, TensorType>();
  for (const id of order) {
    const spec = specs.get(id);
    const p = params.get(id);
    if (!spec || !p || badNodes.has(id)) continue;
    const ins = incoming.get(id) ?? new Map<string, GraphEdge>();
    const inTypes: Record<string, TensorType> = {};
    let ready = true;
    for (const port of spec.inputs) {
      const e = ins.get(port.id);
      if (!e) {
        if (!port.optional) {
          issues.push({ code: 'missing-input', severity: 'error', nodeIds: [id], portIds: [port.id], message: `${spec.label}.${port.id} is not connected` });
          ready = false;
        }
        continue;
      }
      const t = outputs.get(e.from.node)?.[e.from.port];
      if (!t) {
        ready = false;
        continue;
      }
      const why = connectionProblem(specs.get(e.from.node)!, e.from.port, t, spec, port.id);
      if (why) {
        issues.push({ code: 'type-mismatch', severity: 'error', nodeIds: [id, e.from.node], portIds: [port.id], edgeIds: [e.id], message: why });
        ready = false;
        continue;
      }
      inTypes[port.id] = t;
    }
    if (!ready) continue;
    let r: ReturnType<typeof spec.infer>;
    try {
      r = spec.infer({ inputs: inTypes, params: p, lookupNode });
    } catch (err) {
      r = { problem: `could not infer shapes: ${(err as Error).message}` };
    }
    if (isProblem(r)) {
      issues.push({ code: r.code ?? 'shape-mismatch', severity: 'error', nodeIds: [id], portIds: r.portIds, message: `${spec.label}: ${r.problem}` });
      continue;
    }
    outputs.set(id, r);
    for (const e of outgoing.get(id) ?? []) {
      const t = r[e.from.port];
      if (t) edgeTypes.set(e.id, t);
    }
  }

  return { issues, outputs, edgeTypes, params, order, incoming };
}

/** analyze() plus what training needs: a data node and at least one loss. */
export function analyzeForTraining(graph: Graph, lookup: SpecLookup): Analysis {
  const a = analyze(graph, lookup);
  const specs = graph.nodes.map((n) => lookup(n.type));
  if (graph.nodes.length === 0) {
    a.issues.push({ code: 'no-dataset', severity: 'error', nodeIds: [], message: 'the canvas is empty: add a dataset, a network and a loss' });
    return a;
  }
  if (!specs.some((s) => s?.data)) {
    a.issues.push({ code: 'no-dataset', severity: 'error', nodeIds: [], message: 'add a dataset node: training needs data' });
  }
  if (!specs.some((s) => s?.loss)) {
    a.issues.push({ code: 'no-loss', severity: 'error', nodeIds: [], message: 'add a loss node: training minimises the sum of the losses' });
  }
  a.issues.push(...trainedGraphRules(graph, a, lookup));
  a.issues.push(...slowStepWarnings(graph, a, lookup));
  return a;
}
