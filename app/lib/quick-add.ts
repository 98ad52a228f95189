// What quick add offers: node types (and blocks) found by a fuzzy search, and,
// when a wire was dropped on empty canvas, only the node types with a port
// that wire can plug into (the same rule as drawing the wire by hand).
import Fuse from 'fuse.js';
import { defaultParams } from '../../engine/params';
import type { Graph, PortRef } from '../../engine/graph';
import type { Analysis } from '../../engine/validate';
import { allSpecs } from '../../nodes/registry';
import { wireProblem } from './connection-rules';
import { nextNodeId } from './graph-ids';

export interface QuickItem {
  /** A node type ("net.projector") or a block id ("block:…"). */
  key: string;
  label: string;
  category: string;
  doc: string;
  /** For a dropped wire: the new node's port the wire plugs into. */
  port?: string;
}

/** The loose end of a dropped wire: an output (a source) looks for an input, and the other way round. */
export interface LooseEnd {
  node: string;
  port: string;
  kind: 'source' | 'target';
}

export function nodeItems(): QuickItem[] {
  return allSpecs().map((s) => ({ key: s.type, label: s.label, category: s.category, doc: s.doc }));
}

/**
 * Node types with a port the loose end fits, each with that port (the first that fits,
 * in the order the node lists them). Checked against the graph as it would be with the
 * new node, so the inferred type of the wire counts, not only the declared one.
 */
export function compatibleItems(graph: Graph, analysis: Pick<Analysis, 'outputs'>, end: LooseEnd): QuickItem[] {
  const out: QuickItem[] = [];
  for (const spec of allSpecs()) {
    const id = nextNodeId(graph, spec.type);
    const probe: Graph = {
      ...graph,
      nodes: [...graph.nodes, { id, type: spec.type, typeVersion: spec.version, params: defaultParams(spec.params) as Record<string, unknown>, position: { x: 0, y: 0 } }],
    };
    const ports = end.kind === 'source' ? spec.inputs : spec.outputs;
    const fit = ports.find((p) => {
      const [from, to]: [PortRef, PortRef] = end.kind === 'source' ? [{ node: end.node, port: end.port }, { node: id, port: p.id }] : [{ node: id, port: p.id }, { node: end.node, port: end.port }];
      return wireProblem(probe, analysis, from, to) === null;
    });
    if (fit) out.push({ key: spec.type, label: spec.label, category: spec.category, doc: spec.doc, port: fit.id });
  }
  return out;
}

/** Fuzzy search over labels first, then categories and the docs; an empty query lists everything in order. */
export function searchItems(items: readonly QuickItem[], query: string): QuickItem[] {
  const q = query.trim();
  if (!q) return [...items];
  const fuse = new Fuse(items, {
    keys: [
      { name: 'label', weight: 3 },
      { name: 'category', weight: 1 },
      { name: 'doc', weight: 0.5 },
    ],
    threshold: 0.4,
    ignoreLocation: true,
  });
  return fuse.search(q).map((r) => r.item);
}
