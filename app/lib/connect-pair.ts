// Wiring from the keyboard: with two nodes selected, `C` connects them. The
// node further left feeds the other (data flows left to right on the canvas);
// the wire is the first output → input pair the connection rules accept,
// preferring an input that is still free. Pure, over the graph and its analysis.
import type { Graph, PortRef } from '../../engine/graph';
import { getSpec } from '../../nodes/registry';
import type { Analysis } from '../../engine/validate';
import { wireProblem } from './connection-rules';

export function pairWire(graph: Graph, analysis: Pick<Analysis, 'outputs'>, ids: readonly string[]): { from: PortRef; to: PortRef } | { problem: string } {
  if (ids.length !== 2) return { problem: 'Select exactly two nodes to connect them (C).' };
  const [a, b] = ids.map((id) => graph.nodes.find((n) => n.id === id));
  if (!a || !b) return { problem: 'That node no longer exists.' };
  const [src, dst] = a.position.x <= b.position.x ? [a, b] : [b, a];
  const ss = getSpec(src.type);
  const sd = getSpec(dst.type);
  if (!ss || !sd) return { problem: 'Unknown node type.' };
  const taken = new Set(graph.edges.filter((e) => e.to.node === dst.id).map((e) => e.to.port));
  // free inputs first: replacing an existing wire is a surprise from a key press
  const inputs = [...sd.inputs.filter((p) => !taken.has(p.id)), ...sd.inputs.filter((p) => taken.has(p.id))];
  let first: string | null = null;
  for (const i of inputs)
    for (const o of ss.outputs) {
      const from = { node: src.id, port: o.id };
      const to = { node: dst.id, port: i.id };
      const why = wireProblem(graph, analysis, from, to);
      if (!why) return { from, to };
      first ??= why;
    }
  return { problem: `${ss.label} cannot feed ${sd.label}${first ? `: ${first}` : ' (it has no inputs)'}.` };
}
