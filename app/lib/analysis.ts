// Validation and shape inference for the canvas. Dragging a node changes the
// graph on every mouse move, but positions never change what analyze() says,
// so the result is keyed on everything except positions.
import { useMemo } from 'react';
import type { Graph } from '../../engine/graph';
import type { GraphIssue } from '../../engine/types';
import { analyzeForTraining, type Analysis } from '../../engine/validate';
import { getSpec } from '../../nodes/registry';

export interface StudioAnalysis extends Analysis {
  /** Issues per node id (a type mismatch is shown on both ends). */
  byNode: Map<string, GraphIssue[]>;
  /** Issues per edge id. */
  byEdge: Map<string, GraphIssue[]>;
  /** Problems that belong to no node ("add a loss node"). */
  global: GraphIssue[];
  errorCount: number;
}

export function structureKey(graph: Graph): string {
  return JSON.stringify([graph.nodes.map((n) => [n.id, n.type, n.typeVersion, n.params]), graph.edges]);
}

export function indexIssues(issues: readonly GraphIssue[]): Pick<StudioAnalysis, 'byNode' | 'byEdge' | 'global'> {
  const byNode = new Map<string, GraphIssue[]>();
  const byEdge = new Map<string, GraphIssue[]>();
  const global: GraphIssue[] = [];
  for (const i of issues) {
    if (i.nodeIds.length === 0 && !i.edgeIds?.length) global.push(i);
    for (const id of i.nodeIds) byNode.set(id, [...(byNode.get(id) ?? []), i]);
    for (const id of i.edgeIds ?? []) byEdge.set(id, [...(byEdge.get(id) ?? []), i]);
  }
  return { byNode, byEdge, global };
}

/**
 * "Your data" nodes naming a dataset this device does not hold (a graph from someone
 * else, or a deleted set): an error on the node, so the graph never fails silently.
 */
export function missingDatasets(graph: Graph, known: readonly string[] | null): GraphIssue[] {
  if (!known) return [];
  return graph.nodes.flatMap((n) => {
    const ref = n.type === 'data.user' ? (n.params.dataset as { id?: string; name?: string } | null | undefined) : null;
    if (!ref?.id || known.includes(ref.id)) return [];
    return [{ code: 'no-dataset' as const, severity: 'error' as const, nodeIds: [n.id], message: `Your data: “${ref.name}” is not on this device; import its file to train this graph` }];
  });
}

export function analyzeGraph(graph: Graph, knownDatasets: readonly string[] | null = null): StudioAnalysis {
  const a = analyzeForTraining(graph, getSpec);
  const issues = [...a.issues, ...missingDatasets(graph, knownDatasets)];
  return { ...a, issues, ...indexIssues(issues), errorCount: issues.filter((i) => i.severity === 'error').length };
}

export function useAnalysis(graph: Graph, knownDatasets: readonly string[] | null = null): StudioAnalysis {
  const key = structureKey(graph);
  // a new dataset list matters only when it changes which nodes miss their data (an
  // import must not re-render every node of a graph that does not use it)
  const missing = JSON.stringify(missingDatasets(graph, knownDatasets));
  // `graph` is deliberately not a dependency: only its non-position content (the key) matters.
  return useMemo(() => analyzeGraph(graph, knownDatasets), [key, missing]);
}
