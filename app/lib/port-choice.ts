// Wiring with a chosen pair of ports, for the keyboard: the Wires dialog lists
// one node's ports, for the chosen port every port elsewhere it could be wired
// to (with the reason when the connection rules refuse it), and the node's
// existing wires with whether they may be removed. Pure, over the graph and its
// analysis; the same rules (connection-rules.ts) decide as for a dragged wire.
import type { Graph, GraphEdge, GraphNode, PortRef } from '../../engine/graph';
import type { Analysis } from '../../engine/validate';
import { getSpec } from '../../nodes/registry';
import { wireProblem } from './connection-rules';

/** One of the node's own ports: `out` feeds others, `in` is fed. */
export interface OwnPort {
  port: string;
  label: string;
  side: 'out' | 'in';
}

/** A port at the other end of a possible wire. */
export interface WireCandidate {
  from: PortRef;
  to: PortRef;
  /** The far end, as the canvas names it: "Reconstruction loss · target". */
  label: string;
  /** Why the rules refuse this wire; null when it may be drawn. */
  problem: string | null;
  /** The wire this one would replace (an input takes one value). */
  replaces: GraphEdge | null;
}

export interface NodeWire {
  edge: GraphEdge;
  /** "MNIST · image → Reconstruction loss · target" */
  label: string;
  /** Why it cannot be removed (a wire between two locked nodes), else null. */
  problem: string | null;
}

/**
 * The node as the canvas names it, by its type's label ("Encoder"). Ids are for
 * files, not people: one follows only when another node shares the label,
 * "Encoder (encoder-2)", so two nodes never read the same.
 */
export function nodeTitle(graph: Graph, id: string): string {
  const label = (n: GraphNode | undefined) => (n && getSpec(n.type)?.label) ?? n?.type;
  const own = label(graph.nodes.find((x) => x.id === id));
  if (own === undefined) return id;
  return graph.nodes.some((x) => x.id !== id && label(x) === own) ? `${own} (${id})` : own;
}

/**
 * A port as the canvas shows it, its node's title and its own label:
 * "Encoder · latent". `side` says which of the node's ports it is among (a wire
 * leaves an output and enters an input); the port id follows the label only
 * when another port on that side shares it.
 */
export function portName(graph: Graph, ref: PortRef, side: 'out' | 'in'): string {
  const n = graph.nodes.find((x) => x.id === ref.node);
  const spec = n && getSpec(n.type);
  const ports = spec ? (side === 'out' ? spec.outputs : spec.inputs) : [];
  const label = ports.find((p) => p.id === ref.port)?.label ?? ref.port;
  const shared = ports.some((p) => p.id !== ref.port && p.label === label);
  return `${nodeTitle(graph, ref.node)} · ${shared ? `${label} (${ref.port})` : label}`;
}

/** A wire for people: "MNIST · image → Reconstruction loss · target". */
export const wireLabel = (graph: Graph, from: PortRef, to: PortRef) => `${portName(graph, from, 'out')} → ${portName(graph, to, 'in')}`;

/** Outputs first (the way data flows), then inputs. */
export function ownPorts(graph: Graph, nodeId: string): OwnPort[] {
  const n = graph.nodes.find((x) => x.id === nodeId);
  const spec = n && getSpec(n.type);
  if (!spec) return [];
  return [...spec.outputs.map((p) => ({ port: p.id, label: p.label, side: 'out' as const })), ...spec.inputs.map((p) => ({ port: p.id, label: p.label, side: 'in' as const }))];
}

/**
 * Every port the chosen one could be wired to, on every other node (or only on
 * `among` when given: two selected nodes). Wires the rules accept come first,
 * free inputs before taken ones; refused ones follow with their reason.
 */
export function wireCandidates(graph: Graph, analysis: Pick<Analysis, 'outputs'>, own: { node: string; port: string; side: 'out' | 'in' }, among?: readonly string[]): WireCandidate[] {
  const out: WireCandidate[] = [];
  for (const n of graph.nodes) {
    if (n.id === own.node || (among && !among.includes(n.id))) continue;
    const spec = getSpec(n.type);
    if (!spec) continue;
    const far = own.side === 'out' ? spec.inputs : spec.outputs;
    for (const p of far) {
      const here = { node: own.node, port: own.port };
      const there = { node: n.id, port: p.id };
      const [from, to] = own.side === 'out' ? [here, there] : [there, here];
      // the same wire already drawn is not a choice: it is listed under the node's wires
      if (graph.edges.some((e) => e.from.node === from.node && e.from.port === from.port && e.to.node === to.node && e.to.port === to.port)) continue;
      const replaces = graph.edges.find((e) => e.to.node === to.node && e.to.port === to.port) ?? null;
      out.push({ from, to, label: portName(graph, there, own.side === 'out' ? 'in' : 'out'), problem: wireProblem(graph, analysis, from, to), replaces });
    }
  }
  const rank = (c: WireCandidate) => (c.problem ? 2 : c.replaces ? 1 : 0);
  return out.map((c, i) => [c, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([c]) => c);
}

/** The node's wires, its inputs' first, each with whether it may be removed. */
export function nodeWires(graph: Graph, nodeId: string): NodeWire[] {
  const locked = new Set(graph.meta.locks);
  const touching = graph.edges.filter((e) => e.to.node === nodeId || e.from.node === nodeId);
  const ins = touching.filter((e) => e.to.node === nodeId);
  const outs = touching.filter((e) => e.to.node !== nodeId);
  return [...ins, ...outs].map((edge) => ({
    edge,
    label: wireLabel(graph, edge.from, edge.to),
    problem: locked.has(edge.from.node) && locked.has(edge.to.node) ? "locked by the graph's author" : null,
  }));
}

/** The port to offer first: the first with a wire the rules accept, else the first. */
export function firstUsefulPort(graph: Graph, analysis: Pick<Analysis, 'outputs'>, nodeId: string, among?: readonly string[]): OwnPort | null {
  const ports = ownPorts(graph, nodeId);
  return ports.find((p) => wireCandidates(graph, analysis, { node: nodeId, ...p }, among).some((c) => !c.problem)) ?? ports[0] ?? null;
}
