// The studio's one source of truth: a Graph (the saved form) plus the bits of
// UI state React Flow needs that must never be saved (selection, measured node
// sizes). The canvas is derived from this state; every canvas gesture comes
// back here as an action, so undo, autosave and export all see the same graph.
// Here: the state, the actions, undo and the React context; graph-edits.ts applies each edit.
import { createContext, useContext, type Dispatch } from 'react';
import type { Graph, PortRef, TrainSettings } from '../../engine/graph';
import type { Fragment } from './fragment';
import { applyEdit } from './graph-edits';
import { closeGroup, emptyHistory, record, redo, undo, type History } from './history';

// ids (graph-ids.ts) and what each edit does (graph-edits.ts), re-exported for the studio's callers
export { edgeIdFor, nextNodeId, shortType } from './graph-ids';
export { isParamLocked, lockedSet } from './graph-edits';

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
  /** Earlier and undone graphs with their selections (app/lib/history.ts); every graph change below is recorded. */
  history: History<Snapshot>;
}

/**
 * What one undo step returns to: the graph and what was selected in it. Undo
 * brings back the selection of before the edit (the nodes a paste replaced in
 * the selection, the nodes a delete took), redo the one undo left, as in Figma
 * or tldraw; selecting alone is not an edit and adds no entry.
 */
export interface Snapshot {
  graph: Graph;
  selectedNodes: string[];
  selectedEdges: string[];
}

const snapshot = (s: StudioState): Snapshot => ({ graph: s.graph, selectedNodes: s.selectedNodes, selectedEdges: s.selectedEdges });

export type MetaField = 'name' | 'notes' | 'seed';

export type StudioAction =
  /**
   * `resetHistory`: a graph restored at start-up is where undo stops, not an edit.
   * `fit`: a ready-made layout (a preset) that the editor may lay out again to read on a narrow canvas.
   */
  | { type: 'replace'; graph: Graph; resetHistory?: boolean; fit?: boolean }
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
  /**
   * Teaching fields (locks, classroom flags, tour, annotations): app/lib/teach-edits.ts builds the values.
   * `group`: the arrow-key moves of one burst on a note or frame share it, so they are one undo entry.
   */
  | { type: 'setTeaching'; patch: Partial<Pick<Graph['meta'], TeachingField>>; group?: string };

export type TeachingField = 'locks' | 'paramLocks' | 'classroom' | 'tour' | 'annotations';

export function initialState(graph: Graph): StudioState {
  return { graph, selectedNodes: [], selectedEdges: [], measured: {}, revision: 0, history: emptyHistory() };
}

/**
 * Which undo entry an edit folds into: the keystrokes of one field, the updates of one
 * drag. A loaded graph and a paste open a group of their own (`swap-<revision>`, with
 * `:fit` for a preset; `insert:<new ids>`), so a layout run right after them joins their entry.
 */
export function undoGroup(action: StudioAction, next: StudioState): string | null {
  switch (action.type) {
    case 'replace':
      return `swap-${next.revision}${action.fit ? ':fit' : ''}`;
    case 'insert':
      return `insert:${next.selectedNodes.join(',')}`;
    case 'moveNodes':
    case 'setTeaching':
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

/** Shows another snapshot from the history, with those of its selected nodes and wires that exist in it. */
function travel(state: StudioState, { graph, selectedNodes, selectedEdges }: Snapshot, history: History<Snapshot>): StudioState {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  // Undoing a preset load or an import swaps the whole graph: frame it like the load did.
  const swapped = state.graph.nodes.length > 0 && !state.graph.nodes.some((n) => ids.has(n.id));
  return {
    ...state,
    graph,
    history,
    selectedNodes: selectedNodes.filter((id) => ids.has(id)),
    selectedEdges: selectedEdges.filter((id) => edgeIds.has(id)),
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
      const r = undo(state.history, snapshot(state));
      return r ? travel(state, r.state, r.history) : state;
    }
    case 'redo': {
      const r = redo(state.history, snapshot(state));
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
      return { ...next, history: record(state.history, snapshot(state), undoGroup(action, next)) };
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
