// Ids for new nodes and edges: readable ("encoder-2", "e-decoder-1-in") and
// never reused, so files, test selectors and undo read well.
import type { Graph, PortRef } from '../../engine/graph';

/** "data.mnist" -> "mnist", so ids read well in files and test selectors. */
export function shortType(type: string): string {
  const last = type.split('.').pop() ?? type;
  return last.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'node';
}

export function nextNodeId(graph: Graph, type: string): string {
  const prefix = shortType(type);
  const taken = new Set(graph.nodes.map((n) => n.id));
  // One past the highest number in use, so a deleted node's id is not handed to a new one.
  let n = 0;
  for (const id of taken) {
    const m = id.startsWith(`${prefix}-`) ? /^\d+$/.exec(id.slice(prefix.length + 1)) : null;
    if (m) n = Math.max(n, Number(m[0]));
  }
  let id = `${prefix}-${n + 1}`;
  while (taken.has(id)) id = `${prefix}-${++n + 1}`;
  return id;
}

/**
 * An input takes one edge, so naming the edge after its input port keeps ids
 * stable and readable ("e-decoder-1-in"); the counter is only a fallback for
 * imported graphs that used the name already or ids near the length limit.
 */
export function edgeIdFor(graph: Graph, to: PortRef): string {
  const taken = new Set(graph.edges.map((e) => e.id));
  const base = `e-${to.node}-${to.port}`;
  if (base.length <= 80 && !taken.has(base)) return base;
  let i = 1;
  while (taken.has(`e-${i}`)) i++;
  return `e-${i}`;
}
