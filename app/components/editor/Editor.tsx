'use client';
// The editing layer over the canvas: keyboard commands, clipboard, quick add,
// auto-layout, blocks and the shortcut sheet, with their toolbar in the top
// bar. Every edit it makes is a graph-store action, so the history (undo/redo)
// and the autosave see it like any other.
import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { StudioAnalysis } from '../../lib/analysis';
import { blockFromSelection } from '../../lib/blocks/block';
import { pairWire } from '../../lib/connect-pair';
import { extractFragment, type Fragment } from '../../lib/fragment';
import { nextNodeId, useStudio, type StudioAction } from '../../lib/graph-store';
import { READABLE_ZOOM } from '../../lib/framing';
import { fitZoom, layoutGraph } from '../../lib/layout';
import { NODE_SIZE, centered } from '../../lib/placement';
import { portName } from '../../lib/port-choice';
import { compatibleItems, nodeItems, type QuickItem } from '../../lib/quick-add';
import { getSpec } from '../../../nodes/registry';
import { onEditorRequest, type QuickAddRequest } from './bridge';
import { EditorToolbar } from './EditorToolbar';
import { QuickAdd } from './QuickAdd';
import { SaveBlockDialog } from './SaveBlockDialog';
import { ShortcutSheet } from './ShortcutSheet';
import { useBlocks } from './use-blocks';
import { useClipboard } from './use-clipboard';
import { useEditorKeys } from './use-editor-keys';
import { useTidy } from './use-tidy';
import { WireDialog, type WireTarget } from './WireDialog';
import { CONTROLS_BAND, MARGIN, requestFrame } from '../canvas/use-framing';
import { requestReveal } from '../canvas/KeepInView';
import './Editor.css';

type Point = { x: number; y: number };

interface EditorProps {
  canvasBox: RefObject<HTMLElement | null>;
  analysis: StudioAnalysis;
  notify(message: string, tone?: 'info' | 'error' | 'success'): void;
}

const DUPLICATE_OFFSET = 40;
/**
 * A preset's own layout (drawn for the 1440×900 canvas) is replaced by the auto-layout only
 * where it would open with node text under 11 px (a smaller window), and only by one that
 * reads at least a tenth better, or readable.
 */
const REFIT_BELOW = READABLE_ZOOM;

export function Editor({ canvasBox, analysis, notify }: EditorProps) {
  const { state, dispatch } = useStudio();
  const { graph } = state;
  const rf = useReactFlow();
  const blocks = useBlocks();
  const [quick, setQuick] = useState<QuickAddRequest | null>(null);
  const [sheet, setSheet] = useState(false);
  const [saving, setSaving] = useState(false);
  const [wiring, setWiring] = useState<WireTarget | null>(null);
  const pointer = useRef<Point | null>(null);

  // A field that loses focus has been committed: its next edit is a new undo entry.
  useEffect(() => {
    const close = () => dispatch({ type: 'closeGroup' });
    const track = (e: PointerEvent) => {
      pointer.current = { x: e.clientX, y: e.clientY };
    };
    window.addEventListener('focusout', close);
    window.addEventListener('pointermove', track, { passive: true });
    return () => {
      window.removeEventListener('focusout', close);
      window.removeEventListener('pointermove', track);
    };
  }, [dispatch]);

  /** A screen point as canvas coordinates; the canvas's middle when the point is elsewhere (or none). */
  const flowPoint = useCallback(
    (client: Point | null): Point => {
      const box = canvasBox.current?.getBoundingClientRect();
      const inside = client && box && client.x >= box.left && client.x <= box.right && client.y >= box.top && client.y <= box.bottom;
      if (inside) return rf.screenToFlowPosition(client);
      if (!box) return { x: 0, y: 0 };
      return rf.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    },
    [canvasBox, rf],
  );

  const live = useRef(state);
  live.current = state;
  const layout = useCallback(
    async (group?: string, only?: readonly string[], fitOnly = false) => {
      const g = live.current.graph;
      if (g.nodes.length === 0) return;
      // the canvas area the framing uses: a graph too wide for it is wrapped into rows
      const box = canvasBox.current?.getBoundingClientRect();
      const view = box && box.width > 0 ? { width: box.width - 2 * MARGIN, height: box.height - 2 * MARGIN - CONTROLS_BAND } : undefined;
      const { measured } = live.current;
      const zoomOf = (ps: readonly { id: string; x: number; y: number }[]) => (view ? fitZoom(ps.map((p) => ({ ...p, ...(measured[p.id] ?? NODE_SIZE) })), view) : 1);
      const before = zoomOf(g.nodes.map((n) => ({ id: n.id, ...n.position })));
      // fitOnly (a preset just opened): its own layout stays unless it would open too small to read
      if (fitOnly && before >= REFIT_BELOW) return;
      const positions = await layoutGraph(g, measured, only, view);
      // another graph arrived while ELK worked: these positions are not for it
      if (group && live.current.history.group !== group) return;
      if (fitOnly && zoomOf(positions) < Math.min(READABLE_ZOOM, before * 1.1)) return;
      dispatch({ type: 'moveNodes', positions, group });
      if (!only) requestFrame();
    },
    [dispatch, canvasBox],
  );

  const insert = useCallback(
    (fragment: Fragment, at: Point) => {
      // a paste or block placed near an edge comes into view whole
      requestReveal();
      dispatch({ type: 'insert', fragment, at: { x: Math.round(at.x), y: Math.round(at.y) } });
    },
    [dispatch],
  );
  const tidy = useTidy(state, layout);

  useEffect(
    () => onEditorRequest('insert', (r) => insert(r.fragment, centered(flowPoint(r.client)))),
    [insert, flowPoint],
  );
  useEffect(() => onEditorRequest('quickAdd', setQuick), []);

  const removeSelection = useCallback(() => dispatch({ type: 'remove', nodeIds: live.current.selectedNodes, edgeIds: live.current.selectedEdges }), [dispatch]);
  useClipboard({ state, removeSelection, paste: (f) => insert(f, flowPoint(pointer.current)), notify });

  const duplicate = () => {
    const f = extractFragment(graph, state.selectedNodes);
    if (!f) return notify('Select the nodes to duplicate first.');
    const x = Math.min(...f.nodes.map((n) => n.position.x));
    const y = Math.min(...f.nodes.map((n) => n.position.y));
    insert(f, { x: x + DUPLICATE_OFFSET, y: y + DUPLICATE_OFFSET });
  };

  // Two or more selected nodes: tidy those among themselves; else the whole graph.
  const layoutCommand = () => void layout(undefined, state.selectedNodes.length > 1 ? state.selectedNodes : undefined);

  // One selected node: its wires to any node; two: the left one's wires to the other (as C orders them).
  const openWires = () => {
    const sel = state.selectedNodes;
    const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.react-flow__node')?.dataset.id;
    const ids = sel.length > 0 ? sel : focused ? [focused] : [];
    if (ids.length === 0 || ids.length > 2) return notify('Select one node (or two) to choose which of their ports to wire (Shift+C).');
    const nodes = ids.map((id) => graph.nodes.find((n) => n.id === id)).filter((n) => n !== undefined);
    if (nodes.length !== ids.length) return;
    const [a, b] = [...nodes].sort((x, y) => x.position.x - y.position.x);
    setWiring(b ? { node: a.id, among: [b.id] } : { node: a.id });
  };

  useEditorKeys({
    undo: () => dispatch({ type: 'undo' }),
    redo: () => dispatch({ type: 'redo' }),
    selectAll: () => dispatch({ type: 'select', nodeIds: graph.nodes.map((n) => n.id), edgeIds: graph.edges.map((e) => e.id) }),
    deselect: () => dispatch({ type: 'select', nodeIds: [], edgeIds: [] }),
    duplicate,
    quickAdd: () => setQuick({ client: null }),
    layout: () => layoutCommand(),
    connect: () => {
      const w = pairWire(graph, analysis, state.selectedNodes);
      if ('problem' in w) notify(w.problem, 'error');
      else dispatch({ type: 'connect', from: w.from, to: w.to });
    },
    wires: () => openWires(),
    shortcuts: () => setSheet(true),
  });

  // What quick add lists: node types and blocks, or for a dropped wire the node types it fits.
  const items = useMemo((): QuickItem[] => {
    if (!quick) return [];
    if (quick.end) return compatibleItems(graph, analysis, quick.end);
    const blockItems = [...blocks.builtIn, ...blocks.mine].map((b) => ({ key: `block:${b.id}`, label: b.name, category: 'block', doc: b.description }));
    return [...nodeItems(), ...blockItems];
    // the list is built when the dialog opens; later edits cannot happen while it is modal
  }, [quick]);

  const choose = (item: QuickItem) => {
    const r = quick;
    setQuick(null);
    if (!r) return;
    const at = flowPoint(r.client);
    if (item.key.startsWith('block:')) {
      const b = [...blocks.builtIn, ...blocks.mine].find((x) => `block:${x.id}` === item.key);
      if (b) insert(b.fragment, centered(at));
      return;
    }
    const spec = getSpec(item.key);
    if (!spec) return;
    // a node added where a wire was dropped near the edge comes into view whole
    requestReveal();
    if (!r.end || !item.port) {
      dispatch({ type: 'addNode', nodeType: spec.type, position: centered(at) });
      return;
    }
    // The new node sits where the wire was dropped, on the side the wire comes from, wired in: one undo entry.
    const id = nextNodeId(graph, spec.type);
    const position = r.end.kind === 'source' ? { x: at.x, y: at.y - 40 } : { x: at.x - NODE_SIZE.width, y: at.y - 40 };
    const end = { node: r.end.node, port: r.end.port };
    const wire: StudioAction = r.end.kind === 'source' ? { type: 'connect', from: end, to: { node: id, port: item.port } } : { type: 'connect', from: { node: id, port: item.port }, to: end };
    dispatch({ type: 'batch', actions: [{ type: 'addNode', nodeType: spec.type, position }, wire] });
  };

  const quickTitle = (() => {
    if (!quick?.end) return 'Add a node or block';
    const { node, port, kind } = quick.end;
    return kind === 'source' ? `Add a node after ${portName(graph, { node, port }, 'out')}` : `Add a node feeding ${portName(graph, { node, port }, 'in')}`;
  })();

  const saveBlock = async (name: string, description: string): Promise<string | null> => {
    const b = blockFromSelection(graph, state.selectedNodes, name, description);
    if ('problem' in b) return b.problem;
    try {
      await blocks.save(b);
    } catch (e) {
      return `The block could not be stored in this browser (${(e as Error).message}).`;
    }
    setSaving(false);
    notify(`Saved the block “${b.name}” (palette → My blocks)`, 'success');
    return null;
  };

  return (
    <>
      <EditorToolbar
        hasSelection={state.selectedNodes.length > 0}
        onQuickAdd={() => setQuick({ client: null })}
        onLayout={layoutCommand}
        onSaveBlock={() => setSaving(true)}
        onShortcuts={() => setSheet(true)}
        onWires={openWires}
      />
      <QuickAdd open={quick !== null} items={items} title={quickTitle} onChoose={choose} onClose={() => setQuick(null)} />
      <WireDialog
        target={wiring}
        analysis={analysis}
        onClose={() => setWiring(null)}
        onNewNode={(end) => {
          setWiring(null);
          // after the wire dialog has closed and handed focus back, or it would take it from the search box
          requestAnimationFrame(() => setQuick({ client: null, end }));
        }}
      />
      <ShortcutSheet open={sheet} onClose={() => setSheet(false)} tidy={tidy} />
      <SaveBlockDialog open={saving} count={state.selectedNodes.length} onSave={saveBlock} onClose={() => setSaving(false)} />
    </>
  );
}
