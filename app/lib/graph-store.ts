// The studio's one source of truth: a Graph (the saved form) plus the bits of
// UI state React Flow needs that must never be saved (selection, measured node
// sizes). The canvas is derived from this state; every canvas gesture comes
// back here as an action, so undo, autosave and export all see the same graph.
import { createContext, useContext, type Dispatch } from 'react';
import { defaultParams } from '../../engine/params';
import type { Graph, GraphEdge, GraphNode, PortRef, TrainSettings } from '../../engine/graph';
import { getSpec } from '../../nodes/registry';
import { instantiateFragment, type Fragment } from './fragment';
import { closeGroup, emptyHistory, record, redo, undo, type History } from './history';

export interface Size {
  width: number;
  height: number;
}

export interface StudioState {
  graph: Graph;
  selectedNodes: string[];
  selectedEdges: string[];
  /** Sizes React Flow measured; kept outside the graph because they are a rendering detail. */
  measured: Record<string, Size>;
  /** Bumped whenever the whole graph is swapped, so the canvas knows to fit the view. */
  revision: number;
  /** Earlier and undone graphs (app/lib/history.ts); every graph change below is recorded. */
  history: History<Graph>;
}

export type MetaField = 'name' | 'notes' | 'seed';

export type StudioAction =
  /** `resetHistory`: a graph restored at start-up is where undo stops, not an edit. */
  | { type: 'replace'; graph: Graph; resetHistory?: boolean }
  | { type: 'addNode'; nodeType: string; position: { x: number; y: number } }
  /** `group`: the updates of one drag share it, so the drag is one undo entry. */
  | { type: 'moveNodes'; positions: { id: string; x: number; y: number }[]; group?: string }
  /** Pasted nodes, a duplicate or a block: fresh ids, its top-left at `at`; the inserted nodes become the selection. */
  | { type: 'insert'; fragment: Fragment; at: { x: number; y: number } }
  /** Several edits as one undo entry (add a node and wire it in). */
  | { type: 'batch'; actions: StudioAction[] }
  | { type: 'undo' }
  | { type: 'redo' }
  /** Ends the open undo group (a field lost focus): the next edit is a new entry. */
  | { type: 'closeGroup' }
  | { type: 'measure'; sizes: { id: string; size: Size }[] }
  | { type: 'setParam'; nodeId: string; key: string; value: unknown }
  | { type: 'connect'; from: PortRef; to: PortRef }
  | { type: 'remove'; nodeIds: string[]; edgeIds: string[] }
  | { type: 'select'; nodeIds: string[]; edgeIds: string[] }
  /** React Flow reports selection as per-element toggles, nodes and edges in separate calls. */
  | { type: 'selectDelta'; nodes: { id: string; selected: boolean }[]; edges: { id: string; selected: boolean }[] }
  | { type: 'setTrain'; key: keyof TrainSettings; value: unknown }
  | { type: 'setMeta'; key: MetaField; value: string | number }
  /** Teaching fields (locks, classroom flags, tour, annotations): app/lib/teach-edits.ts builds the values. */
  | { type: 'setTeaching'; patch: Partial<Pick<Graph['meta'], TeachingField>> };

export type TeachingField = 'locks' | 'paramLocks' | 'classroom' | 'tour' | 'annotations';

/** Actions that change the graph's structure or values: a run-only classroom link refuses them. */
const EDITS: ReadonlySet<StudioAction['type']> = new Set(['addNode', 'moveNodes', 'setParam', 'connect', 'remove', 'setTrain', 'setMeta', 'setTeaching']);

export function isParamLocked(graph: Graph, nodeId: string, key: string): boolean {
  return graph.meta.locks.includes(nodeId) || graph.meta.classroom.runOnly || graph.meta.paramLocks.some((l) => l.node === nodeId && l.param === key);
}

export function initialState(graph: Graph): StudioState {
  return { graph, selectedNodes: [], selectedEdges: [], measured: {}, revision: 0, history: emptyHistory() };
}

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

export function lockedSet(graph: Graph): Set<string> {
  return new Set(graph.meta.locks);
}

function withGraph(state: StudioState, graph: Graph): StudioState {
  return { ...state, graph };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Which undo entry an edit folds into: the keystrokes of one field, the updates of one
 * drag. A loaded graph and a paste open a group of their own (`swap-<revision>`,
 * `insert:<new ids>`), so a layout run right after them joins their entry.
 */
export function undoGroup(action: StudioAction, next: StudioState): string | null {
  switch (action.type) {
    case 'replace':
      return `swap-${next.revision}`;
    case 'insert':
      return `insert:${next.selectedNodes.join(',')}`;
    case 'moveNodes':
      return action.group ?? null;
    case 'setParam':
      return `param:${action.nodeId}:${action.key}`;
    case 'setTrain':
      return `train:${action.key}`;
    case 'setMeta':
      return `meta:${action.key}`;
    default:
      return null;
  }
}

/** Shows another graph from the history, keeping the selection that still exists. */
function travel(state: StudioState, graph: Graph, history: History<Graph>): StudioState {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  // Undoing a preset load or an import swaps the whole graph: frame it like the load did.
  const swapped = state.graph.nodes.length > 0 && !state.graph.nodes.some((n) => ids.has(n.id));
  return {
    ...state,
    graph,
    history,
    selectedNodes: state.selectedNodes.filter((id) => ids.has(id)),
    selectedEdges: state.selectedEdges.filter((id) => edgeIds.has(id)),
    revision: swapped ? state.revision + 1 : state.revision,
  };
}

/**
 * Every action goes through here: undo and redo move along the history, and any other
 * action that changes the graph records the graph it left, so an edit added later
 * (locks, notes) is undoable without knowing about the history.
 */
export function studioReducer(state: StudioState, action: StudioAction): StudioState {
  switch (action.type) {
    case 'undo': {
      const r = undo(state.history, state.graph);
      return r ? travel(state, r.state, r.history) : state;
    }
    case 'redo': {
      const r = redo(state.history, state.graph);
      return r ? travel(state, r.state, r.history) : state;
    }
    case 'closeGroup': {
      const history = closeGroup(state.history);
      return history === state.history ? state : { ...state, history };
    }
    default: {
      const next = action.type === 'batch' ? action.actions.reduce(applyEdit, state) : applyEdit(state, action);
      if (next.graph === state.graph) return next;
      if (action.type === 'replace' && action.resetHistory) return { ...next, history: emptyHistory(state.history.limit) };
      return { ...next, history: record(state.history, state.graph, undoGroup(action, next)) };
    }
  }
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function applyEdit(state: StudioState, action: StudioAction): StudioState {
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

export interface StudioStore {
  state: StudioState;
  dispatch: Dispatch<StudioAction>;
}

export const StudioContext = createContext<StudioStore | null>(null);

export function useStudio(): StudioStore {
  const s = useContext(StudioContext);
  if (!s) throw new Error('useStudio must be used inside <StudioContext.Provider>');
  return s;
}
