// Naming a cycle for the "data must flow one way" message: validate.ts finds
// that some nodes sit on or behind a cycle (Kahn's order leaves them out), and
// this picks one actual loop among them.
import type { GraphEdge } from './graph';

/**
 * One cycle among the given nodes, in edge order (for a message a person can
 * follow). Iterative depth-first search that never enters a node twice: linear
 * in nodes + edges, and no recursion depth to overflow.
 */
export function findCycle(candidates: string[], outgoing: Map<string, GraphEdge[]>): string[] {
  const inSet = new Set(candidates);
  const done = new Set<string>();
  for (const start of candidates) {
    if (done.has(start)) continue;
    const path: string[] = [start];
    const onPath = new Map<string, number>([[start, 0]]);
    const next: number[] = [0]; // per path entry: index of the next outgoing edge to try
    while (path.length) {
      const id = path[path.length - 1];
      const outs = outgoing.get(id) ?? [];
      const i = next[next.length - 1]++;
      if (i >= outs.length) {
        done.add(id);
        onPath.delete(id);
        path.pop();
        next.pop();
        continue;
      }
      const nxt = outs[i].to.node;
      if (!inSet.has(nxt) || done.has(nxt)) continue;
      const at = onPath.get(nxt);
      if (at !== undefined) return path.slice(at);
      onPath.set(nxt, path.length);
      path.push(nxt);
      next.push(0);
    }
  }
  return candidates;
}
