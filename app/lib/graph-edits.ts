// What each graph edit does to the studio state (the reducer in graph-store.ts
// adds undo around it): locks and a run-only classroom link refuse edits here,
// and an edit that changes nothing returns the same state, so it records no undo entry.
import { defaultParams } from '../../engine/params';
import type { Graph, GraphEdge, GraphNode } from '../../engine/graph';
import { getSpec } from '../../nodes/registry';
import { instantiateFragment } from './fragment';
import { edgeIdFor, nextNodeId } from './graph-ids';
import type { StudioAction, StudioState } from './graph-store';

/** Actions that change the graph's structure or values: a run-only classroom link refuses them. */
const EDITS: ReadonlySet<StudioAction['type']> = new Set(['addNode', 'moveNodes', 'setParam', 'connect', 'remove', 'setTrain', 'setMeta', 'setTeaching']);

export function isParamLocked(graph: Graph, nodeId: string, key: string): boolean {
  return graph.meta.locks.includes(nodeId) || graph.meta.classroom.runOnly || graph.meta.paramLocks.some((l) => l.node === nodeId && l.param === key);
}

export function lockedSet(graph: Graph): Set<string> {
  return new Set(graph.meta.locks);
}

function withGraph(state: StudioState, graph: Graph): StudioState {
  return { ...state, graph };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function applyEdit(state: StudioState, action: StudioAction): StudioState {
  const g = state.graph;
  if (g.meta.classroom.runOnly && EDITS.has(action.type)) return state;
  switch (action.type) {
    case 'undo':
    case 'redo':
    case 'closeGroup':
      return state;
    case 'batch':
      return action.actions.reduce(applyEdit, state);
    case 'insert': {
      const r = instantiateFragment(g, action.fragment, action.at);
      const graph = { ...g, nodes: [...g.nodes, ...r.nodes], edges: [...g.edges, ...r.edges] };
      return { ...state, graph, selectedNodes: r.nodes.map((n) => n.id), selectedEdges: [] };
    }
    case 'replace':
      return { ...state, graph: action.graph, selectedNodes: [], selectedEdges: [], measured: {}, revision: state.revision + 1 };

    case 'addNode': {
      const spec = getSpec(action.nodeType);
      if (!spec) return state;
      const id = nextNodeId(g, spec.type);
      const node: GraphNode = {
        id,
        type: spec.type,
        typeVersion: spec.version,
        params: defaultParams(spec.params) as Record<string, unknown>,
        position: { x: Math.round(action.position.x), y: Math.round(action.position.y) },
      };
      return { ...withGraph(state, { ...g, nodes: [...g.nodes, node] }), selectedNodes: [id], selectedEdges: [] };
    }

    case 'moveNodes': {
      const locked = lockedSet(g);
      const moves = new Map(action.positions.filter((p) => !locked.has(p.id)).map((p) => [p.id, p]));
      if (moves.size === 0) return state;
      let moved = false;
      const nodes = g.nodes.map((n) => {
        const p = moves.get(n.id);
        if (!p) return n;
        const x = Math.round(p.x);
        const y = Math.round(p.y);
        if (x === n.position.x && y === n.position.y) return n;
        moved = true;
        return { ...n, position: { x, y } };
      });
      // A drag that ends where it started is not an edit (and must not become an undo entry).
      return moved ? withGraph(state, { ...g, nodes }) : state;
    }

    case 'measure': {
      let changed = false;
      const measured = { ...state.measured };
      for (const { id, size } of action.sizes) {
        const old = measured[id];
        if (old && old.width === size.width && old.height === size.height) continue;
        measured[id] = size;
        changed = true;
      }
      return changed ? { ...state, measured } : state;
    }

    case 'setParam': {
      if (isParamLocked(g, action.nodeId, action.key)) return state;
      if (same(g.nodes.find((n) => n.id === action.nodeId)?.params[action.key], action.value)) return state;
      const nodes = g.nodes.map((n) => (n.id === action.nodeId ? { ...n, params: { ...n.params, [action.key]: action.value } } : n));
      return withGraph(state, { ...g, nodes });
    }

    case 'connect': {
      const { from, to } = action;
      if (from.node === to.node) return state;
      if (g.edges.some((e) => same(e.from, from) && same(e.to, to))) return state;
      // A second edge into an occupied input replaces the first: an input takes one value.
      const kept = g.edges.filter((e) => !(e.to.node === to.node && e.to.port === to.port));
      const edge: GraphEdge = { id: edgeIdFor({ ...g, edges: kept }, to), from: { ...from }, to: { ...to } };
      return withGraph(state, { ...g, edges: [...kept, edge] });
    }

    case 'remove': {
      const locked = lockedSet(g);
      const dropNodes = new Set(action.nodeIds.filter((id) => !locked.has(id)));
      // An edge between two locked nodes is part of the locked structure.
      const dropEdges = new Set(
        action.edgeIds.filter((id) => {
          const e = g.edges.find((x) => x.id === id);
          return !!e && !(locked.has(e.from.node) && locked.has(e.to.node));
        }),
      );
      if (dropNodes.size === 0 && dropEdges.size === 0) return state;
      const nodes = g.nodes.filter((n) => !dropNodes.has(n.id));
      const edges = g.edges.filter((e) => !dropEdges.has(e.id) && !dropNodes.has(e.from.node) && !dropNodes.has(e.to.node));
      const measured = { ...state.measured };
      for (const id of dropNodes) delete measured[id];
      return {
        ...state,
        graph: { ...g, nodes, edges },
        measured,
        selectedNodes: state.selectedNodes.filter((id) => !dropNodes.has(id)),
        selectedEdges: state.selectedEdges.filter((id) => edges.some((e) => e.id === id)),
      };
    }

    case 'select':
      if (sameList(action.nodeIds, state.selectedNodes) && sameList(action.edgeIds, state.selectedEdges)) return state;
      return { ...state, selectedNodes: action.nodeIds, selectedEdges: action.edgeIds };

    case 'selectDelta': {
      const apply = (cur: string[], delta: { id: string; selected: boolean }[]) => {
        const set = new Set(cur);
        for (const d of delta) {
          if (d.selected) set.add(d.id);
          else set.delete(d.id);
        }
        const next = [...set];
        return sameList(next, cur) ? cur : next;
      };
      const selectedNodes = apply(state.selectedNodes, action.nodes);
      const selectedEdges = apply(state.selectedEdges, action.edges);
      if (selectedNodes === state.selectedNodes && selectedEdges === state.selectedEdges) return state;
      return { ...state, selectedNodes, selectedEdges };
    }

    case 'setTrain':
      if (same(g.meta.train[action.key], action.value)) return state;
      return withGraph(state, { ...g, meta: { ...g.meta, train: { ...g.meta.train, [action.key]: action.value } } });

    case 'setMeta':
      if (same(g.meta[action.key], action.value)) return state;
      return withGraph(state, { ...g, meta: { ...g.meta, [action.key]: action.value } });

    case 'setTeaching':
      return withGraph(state, { ...g, meta: { ...g.meta, ...action.patch } });

    default: {
      const never: never = action;
      return never;
    }
  }
}
