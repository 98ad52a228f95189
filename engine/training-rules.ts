// The rules about the part of a graph that trains, beyond types and shapes:
// analyzeForTraining (validate.ts) adds these to the analysis so the canvas
// names the nodes and Train stays off before the compiler would refuse.
import type { Graph, GraphNode } from './graph';
import { quote } from './quote';
import type { GraphIssue } from './types';
import type { Analysis, SpecLookup } from './validate';

/** The nodes that feed a loss (the losses included): what training computes. */
export function lossAncestors(graph: Graph, a: Pick<Analysis, 'incoming'>, lookup: SpecLookup): Set<string> {
  const needed = new Set<string>();
  const visit = (id: string) => {
    if (needed.has(id)) return;
    needed.add(id);
    for (const e of a.incoming.get(id)?.values() ?? []) visit(e.from.node);
  };
  for (const n of graph.nodes) if (lookup(n.type)?.loss) visit(n.id);
  return needed;
}

/**
 * What the compiler refuses about the part of the graph that trains (the nodes
 * feeding a loss), found here first so the canvas says so with node ids and
 * Train stays off: a momentum encoder following a network that never trains
 * (its copy would never change), no dataset or more than one dataset feeding
 * the losses, and a latent variable downstream of another one.
 */
export function trainedGraphRules(graph: Graph, a: Analysis, lookup: SpecLookup): GraphIssue[] {
  const needed = lossAncestors(graph, a, lookup);
  const out: GraphIssue[] = [];
  for (const n of graph.nodes) {
    const spec = lookup(n.type);
    const params = a.params.get(n.id);
    if (!spec?.mirror || !params || !needed.has(n.id)) continue;
    const ref = spec.mirror.follows(params as never).find((id) => !needed.has(id));
    if (ref !== undefined) out.push({ code: 'unsupported', severity: 'error', nodeIds: [n.id], message: `${spec.label}: the followed node "${ref}" does not feed any loss, so it never trains` });
  }

  const isData = (n: GraphNode) => !!lookup(n.type)?.data && !lookup(n.type)?.latent;
  const feeding = graph.nodes.filter((n) => needed.has(n.id) && isData(n));
  const losses = graph.nodes.filter((n) => lookup(n.type)?.loss);
  if (feeding.length > 1) {
    out.push({ code: 'unsupported', severity: 'error', nodeIds: feeding.map((n) => n.id), message: `only one dataset can feed the losses, and ${feeding.length} do (${feeding.map((n) => quote(n.id)).join(', ')}): remove or disconnect the others` });
  } else if (feeding.length === 0 && losses.length) {
    const idle = graph.nodes.filter(isData);
    if (idle.length) out.push({ code: 'no-dataset', severity: 'error', nodeIds: [...idle, ...losses].map((n) => n.id), message: 'no dataset feeds a loss: connect the dataset, through the networks, to a loss input' });
  }

  // a latent's inference minimises the energy downstream of it, which must not hold another
  // latent's inference: one pass in topological order finds, per node, a latent above it
  const latentAbove = new Map<string, string>();
  const typeOf = new Map(graph.nodes.map((n) => [n.id, n.type]));
  for (const id of a.order) {
    for (const e of a.incoming.get(id)?.values() ?? []) {
      const src = e.from.node;
      const above = lookup(typeOf.get(src) ?? '')?.latent && needed.has(src) ? src : latentAbove.get(src);
      if (above !== undefined && !latentAbove.has(id)) latentAbove.set(id, above);
    }
  }
  for (const n of graph.nodes) {
    const spec = lookup(n.type);
    const above = latentAbove.get(n.id);
    if (spec?.latent && needed.has(n.id) && above !== undefined) {
      out.push({ code: 'unsupported', severity: 'error', nodeIds: [n.id, above], message: `${spec.label} ${quote(n.id)} sits downstream of the latent variable ${quote(above)}: one latent's inner minimisation cannot contain another's; feed both from the data side instead` });
    }
  }
  return out;
}
