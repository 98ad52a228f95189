// A tour's "try this": changes described as data (engine/teach.ts), applied to
// a graph as ordinary edits. Pure and tensor-free, so the studio applies them
// through its store (undoable) and the tests check every preset's tries.
import type { Graph, GraphEdge } from './graph';
import type { TourChange } from './teach';

export type Applied = { ok: true; graph: Graph } | { ok: false; error: string };

function freeEdgeId(edges: readonly GraphEdge[], to: { node: string; port: string }): string {
  const taken = new Set(edges.map((e) => e.id));
  const base = `e-${to.node}-${to.port}`.slice(0, 76);
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

function applyOne(g: Graph, c: TourChange): Applied {
  if (c.op === 'setTrain') {
    if (!(c.key in g.meta.train)) return { ok: false, error: `there is no run setting "${c.key}"` };
    return { ok: true, graph: { ...g, meta: { ...g.meta, train: { ...g.meta.train, [c.key]: c.value } } } };
  }
  const node = g.nodes.find((n) => n.id === c.node);
  if (!node) return { ok: false, error: `the graph has no node "${c.node}" (was it renamed or deleted?)` };
  if (g.meta.locks.includes(node.id)) return { ok: false, error: `node "${node.id}" is locked` };
  if (c.op === 'setParam') {
    if (g.meta.paramLocks.some((l) => l.node === node.id && l.param === c.param)) return { ok: false, error: `${c.param} of "${node.id}" is locked` };
    return { ok: true, graph: { ...g, nodes: g.nodes.map((n) => (n === node ? { ...n, params: { ...n.params, [c.param]: c.value } } : n)) } };
  }
  // bypass: the node's one input feeds its consumers directly
  const inputs = g.edges.filter((e) => e.to.node === node.id);
  if (inputs.length !== 1) return { ok: false, error: `"${node.id}" must have exactly one input wire to be bypassed` };
  const source = inputs[0].from;
  const kept = g.edges.filter((e) => e.to.node !== node.id && e.from.node !== node.id);
  const rewired: GraphEdge[] = [];
  for (const e of g.edges.filter((x) => x.from.node === node.id)) {
    rewired.push({ id: freeEdgeId([...kept, ...rewired], e.to), from: { ...source }, to: { ...e.to } });
  }
  return { ok: true, graph: { ...g, nodes: g.nodes.filter((n) => n !== node), edges: [...kept, ...rewired] } };
}

export function applyTourChanges(graph: Graph, changes: readonly TourChange[]): Applied {
  let g = graph;
  for (const c of changes) {
    const r = applyOne(g, c);
    if (!r.ok) return r;
    g = r.graph;
  }
  return { ok: true, graph: g };
}
