// A fragment: some nodes of a graph with the wires between them, as copied to
// the clipboard or saved as a reusable block. Pure and tensor-free, so the
// id-remapping rules are unit-tested in Node.
//
// Inserting a fragment gives every node a fresh id, keeps only wires whose two
// ends came along, and remaps node references (a momentum encoder's Follows)
// to the inserted copies; a reference to a node that stayed behind is kept
// when that node exists in the target graph, else dropped.
import { z } from 'zod';
import { GraphEdgeSchema, GraphNodeSchema, type Graph, type GraphEdge, type GraphNode } from '../../engine/graph';
import { getSpec } from '../../nodes/registry';
import { edgeIdFor, nextNodeId } from './graph-ids';

/** Marks our clipboard text, so a paste can tell it from anything else on the clipboard. */
export const FRAGMENT_KIND = 'latent-studio/fragment';

export const FragmentSchema = z.strictObject({
  kind: z.literal(FRAGMENT_KIND),
  version: z.literal(1),
  nodes: z.array(GraphNodeSchema).min(1).max(500),
  edges: z.array(GraphEdgeSchema).max(2000),
});
export type Fragment = z.infer<typeof FragmentSchema>;

/** The selected nodes and the wires with both ends among them. */
export function extractFragment(graph: Graph, nodeIds: readonly string[]): Fragment | null {
  const ids = new Set(nodeIds);
  const nodes = graph.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const edges = graph.edges.filter((e) => ids.has(e.from.node) && ids.has(e.to.node));
  return structuredClone({ kind: FRAGMENT_KIND, version: 1 as const, nodes, edges });
}

export type ParsedFragment = { ok: true; fragment: Fragment } | { ok: false; reason: string };

const NOT_OURS = 'The clipboard does not hold Latent Studio nodes (copy nodes in the studio first); nothing was pasted.';

/** Reads clipboard text (or a block file's body); anything that is not a valid fragment is refused with a reason. */
export function parseFragment(text: string | unknown): ParsedFragment {
  let raw: unknown = text;
  if (typeof text === 'string') {
    const t = text.trim();
    if (!t.startsWith('{')) return { ok: false, reason: NOT_OURS };
    try {
      raw = JSON.parse(t);
    } catch {
      return { ok: false, reason: NOT_OURS };
    }
  }
  if (!raw || typeof raw !== 'object' || (raw as { kind?: unknown }).kind !== FRAGMENT_KIND) return { ok: false, reason: NOT_OURS };
  const r = FragmentSchema.safeParse(raw);
  if (!r.success) {
    const first = r.error.issues[0];
    return { ok: false, reason: `The copied nodes are damaged (${first.path.join('.') || 'fragment'}: ${first.message}); nothing was pasted.` };
  }
  const unknown = r.data.nodes.find((n) => !getSpec(n.type));
  if (unknown) return { ok: false, reason: `The copied nodes include a type this version does not know (“${unknown.type.slice(0, 60)}”); nothing was pasted.` };
  return { ok: true, fragment: r.data };
}

/** Top-left of the fragment's nodes. */
function origin(nodes: readonly GraphNode[]): { x: number; y: number } {
  return { x: Math.min(...nodes.map((n) => n.position.x)), y: Math.min(...nodes.map((n) => n.position.y)) };
}

export interface Inserted {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** old id -> new id */
  ids: Map<string, string>;
}

/** The fragment's nodes and wires with fresh ids for `graph`, its top-left corner moved to `at`. */
export function instantiateFragment(graph: Graph, fragment: Fragment, at: { x: number; y: number }): Inserted {
  const o = origin(fragment.nodes);
  const ids = new Map<string, string>();
  let work: Graph = { ...graph, nodes: [...graph.nodes], edges: [...graph.edges] };
  const placed: GraphNode[] = [];
  for (const n of fragment.nodes) {
    const id = nextNodeId(work, n.type);
    ids.set(n.id, id);
    const node: GraphNode = {
      ...structuredClone(n),
      id,
      position: { x: Math.round(at.x + n.position.x - o.x), y: Math.round(at.y + n.position.y - o.y) },
    };
    placed.push(node);
    work = { ...work, nodes: [...work.nodes, node] };
  }
  const existing = new Set(graph.nodes.map((n) => n.id));
  for (const node of placed) {
    const spec = getSpec(node.type);
    for (const [key, def] of Object.entries(spec?.params ?? {})) {
      if (def.kind !== 'nodes' || !Array.isArray(node.params[key])) continue;
      node.params[key] = (node.params[key] as unknown[]).flatMap((ref) => {
        if (typeof ref !== 'string') return [];
        const mapped = ids.get(ref);
        if (mapped) return [mapped];
        return existing.has(ref) ? [ref] : [];
      });
    }
  }
  const edges: GraphEdge[] = [];
  for (const e of fragment.edges) {
    const from = ids.get(e.from.node);
    const to = ids.get(e.to.node);
    if (!from || !to) continue;
    const edge: GraphEdge = { id: edgeIdFor(work, { node: to, port: e.to.port }), from: { node: from, port: e.from.port }, to: { node: to, port: e.to.port } };
    edges.push(edge);
    work = { ...work, edges: [...work.edges, edge] };
  }
  return { nodes: placed, edges, ids };
}
