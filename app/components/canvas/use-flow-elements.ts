'use client';
// The graph as React Flow nodes and edges, derived from the store on every
// render. Unchanged nodes keep their object identity so React Flow skips them
// while another node is dragged.
import { useMemo, useRef } from 'react';
import type { GraphNode } from '../../../engine/graph';
import { formatType, type GraphIssue, type TensorType } from '../../../engine/types';
import { getSpec } from '../../../nodes/registry';
import type { StudioAnalysis } from '../../lib/analysis';
import type { Size, StudioState } from '../../lib/graph-store';
import type { Probe } from '../../lib/probe';
import type { StudioFlowNode } from '../FlowNode';
import type { StudioFlowEdge } from '../TypedEdge';

interface CacheEntry {
  node: GraphNode;
  sig: string;
  selected: boolean;
  measured: Size | undefined;
  flow: StudioFlowNode;
}

export function useFlowNodes(state: StudioState, analysis: StudioAnalysis, nodeIssues: Map<string, GraphIssue[]>): StudioFlowNode[] {
  const { graph } = state;
  const cache = useRef(new Map<string, CacheEntry>());
  return useMemo(() => {
    const locks = new Set(graph.meta.locks);
    const selected = new Set(state.selectedNodes);
    const next = new Map<string, CacheEntry>();
    const out = graph.nodes.map((n) => {
      const issues = nodeIssues.get(n.id) ?? [];
      const inputs: Record<string, TensorType> = {};
      for (const [port, e] of analysis.incoming.get(n.id) ?? []) {
        const t = analysis.edgeTypes.get(e.id);
        if (t) inputs[port] = t;
      }
      const outputs = analysis.outputs.get(n.id);
      const locked = locks.has(n.id);
      const sig = JSON.stringify([issues.map((i) => [i.severity, i.message]), inputs, outputs ?? null, locked]);
      const isSel = selected.has(n.id);
      const measured = state.measured[n.id];
      const old = cache.current.get(n.id);
      if (old && old.node === n && old.sig === sig && old.selected === isSel && old.measured === measured) {
        next.set(n.id, old);
        return old.flow;
      }
      const spec = getSpec(n.type);
      const flow: StudioFlowNode = {
        id: n.id,
        type: 'studio',
        position: n.position,
        selected: isSel,
        draggable: !locked,
        deletable: !locked,
        // read by screen readers when a node takes focus (Tab), with React Flow's own hint on moving it
        ariaLabel: `${spec?.label ?? n.type} (${n.id})${locked ? ', locked' : ''}`,
        ...(measured ? { measured } : {}),
        data: { spec, nodeType: n.type, params: n.params, issues, locked, outputs, inputs },
      };
      next.set(n.id, { node: n, sig, selected: isSel, measured, flow });
      return flow;
    });
    cache.current = next;
    return out;
  }, [graph.nodes, graph.meta.locks, state.selectedNodes, state.measured, nodeIssues, analysis]);
}

export function useFlowEdges(state: StudioState, analysis: StudioAnalysis, probe: Probe | null): StudioFlowEdge[] {
  const { graph } = state;
  return useMemo(() => {
    const ids = new Set(graph.nodes.map((n) => n.id));
    const locks = new Set(graph.meta.locks);
    const selected = new Set(state.selectedEdges);
    return graph.edges
      .filter((e) => ids.has(e.from.node) && ids.has(e.to.node))
      .map((e): StudioFlowEdge => {
        const t = analysis.edgeTypes.get(e.id);
        const fromNode = graph.nodes.find((n) => n.id === e.from.node);
        const declared = fromNode ? getSpec(fromNode.type)?.outputs.find((p) => p.id === e.from.port)?.type : undefined;
        const problems = analysis.byEdge.get(e.id) ?? [];
        return {
          id: e.id,
          type: 'typed',
          source: e.from.node,
          sourceHandle: e.from.port,
          target: e.to.node,
          targetHandle: e.to.port,
          selected: selected.has(e.id),
          deletable: !(locks.has(e.from.node) && locks.has(e.to.node)),
          ariaLabel: `Wire ${e.from.node}.${e.from.port} to ${e.to.node}.${e.to.port}`,
          data: {
            label: t ? formatType(t) : (declared ?? '?'),
            known: !!t,
            problem: problems.length ? problems.map((i) => i.message).join('\n') : null,
            probed: probe?.node === e.from.node && probe.port === e.from.port,
          },
        };
      });
  }, [graph.edges, graph.nodes, graph.meta.locks, state.selectedEdges, analysis, probe]);
}
