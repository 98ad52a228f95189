// Why a wire may not be drawn, in words a student can act on. React Flow only
// asks yes/no (isValidConnection); the same function gives the reason shown
// while hovering a handle and after a rejected drop.
import type { Graph, PortRef } from '../../engine/graph';
import { connectionProblem, type Analysis } from '../../engine/validate';
import { getSpec } from '../../nodes/registry';

export interface HandleEnd {
  node: string;
  port: string;
  /** React Flow's handle type: outputs are sources, inputs are targets. */
  kind: 'source' | 'target';
}

/** Orders two handle ends as output → input, or explains why they cannot be. */
export function orient(a: HandleEnd, b: HandleEnd): { from: PortRef; to: PortRef } | { problem: string } {
  if (a.kind === b.kind) {
    return { problem: a.kind === 'source' ? 'connect an output (right side) to an input (left side); both ends are outputs' : 'connect an output (right side) to an input (left side); both ends are inputs' };
  }
  const [src, dst] = a.kind === 'source' ? [a, b] : [b, a];
  return { from: { node: src.node, port: src.port }, to: { node: dst.node, port: dst.port } };
}

function reaches(graph: Graph, start: string, goal: string): boolean {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === goal) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of graph.edges) if (e.from.node === id) stack.push(e.to.node);
  }
  return false;
}

/** null when from → to may be connected, else the reason. */
export function wireProblem(graph: Graph, analysis: Pick<Analysis, 'outputs'>, from: PortRef, to: PortRef): string | null {
  const a = graph.nodes.find((n) => n.id === from.node);
  const b = graph.nodes.find((n) => n.id === to.node);
  if (!a || !b) return 'that node no longer exists';
  const sa = getSpec(a.type);
  const sb = getSpec(b.type);
  if (!sa || !sb) return `unknown node type "${!sa ? a.type : b.type}"`;
  if (a.id === b.id) return `${sa.label} cannot feed itself`;
  const typeProblem = connectionProblem(sa, from.port, analysis.outputs.get(a.id)?.[from.port], sb, to.port);
  if (typeProblem) return typeProblem;
  if (reaches(graph, b.id, a.id)) return `that would make a cycle: ${sb.label} already feeds ${sa.label}, and data must flow one way`;
  const locks = new Set(graph.meta.locks);
  const old = graph.edges.find((e) => e.to.node === to.node && e.to.port === to.port);
  const input = sb.inputs.find((p) => p.id === to.port)?.label ?? to.port;
  if (old && locks.has(old.from.node) && locks.has(old.to.node)) return `${sb.label} · ${input} is locked by the graph's author`;
  return null;
}

/** A React Flow handle as the connection events describe it. */
export interface HandleRef {
  nodeId: string;
  id?: string | null;
  type: 'source' | 'target';
}

/** Why dropping a wire from one handle on another is refused, or null when it is not. */
export function explainWire(graph: Graph, analysis: Pick<Analysis, 'outputs'>, from: HandleRef, to: HandleRef): string | null {
  if (!from.id || !to.id) return null;
  const a: HandleEnd = { node: from.nodeId, port: from.id, kind: from.type };
  const b: HandleEnd = { node: to.nodeId, port: to.id, kind: to.type };
  if (a.node === b.node && a.port === b.port && a.kind === b.kind) return null;
  const o = orient(a, b);
  if ('problem' in o) return o.problem;
  return wireProblem(graph, analysis, o.from, o.to);
}
