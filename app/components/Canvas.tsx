'use client';
// The React Flow canvas, as a view of the Graph: nodes and edges are derived
// from the store on every render and every gesture (move, select, connect,
// delete, drop) is sent back as a store action. React Flow never owns state.
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type EdgeChange,
  type IsValidConnection,
  type EdgeMouseHandler,
  type NodeChange,
  type OnConnect,
  type OnConnectEnd,
  type OnDelete,
} from '@xyflow/react';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import type { GraphNode } from '../../engine/graph';
import { formatType, type GraphIssue, type TensorType } from '../../engine/types';
import { getSpec } from '../../nodes/registry';
import type { StudioAnalysis } from '../lib/analysis';
import { tokens } from '../lib/theme';
import { explainWire, wireProblem } from '../lib/connection-rules';
import { NODE_MIME } from '../lib/drag';
import { useStudio, type Size } from '../lib/graph-store';
import { centered } from '../lib/placement';
import { isPlottable, useProbe } from '../lib/probe';
import { AnnotationLayer } from './annotations/AnnotationLayer';
import { ConnectionHint } from './ConnectionHint';
import { requestEditor } from './editor/bridge';
import { FlowNode, type StudioFlowNode } from './FlowNode';
import { TypedEdge, type StudioFlowEdge } from './TypedEdge';
import './Canvas.css';

const nodeTypes = { studio: FlowNode };
const edgeTypes = { typed: TypedEdge };
const FIT = { padding: 0.2, maxZoom: 1 };
// Shift+click adds to the selection like Ctrl/⌘+click (Shift+drag on the pane draws a selection box).
const MULTI_SELECT = ['Meta', 'Control', 'Shift'];

interface CanvasProps {
  analysis: StudioAnalysis;
  /** Validation issues plus those the last run reported, per node. */
  nodeIssues: Map<string, GraphIssue[]>;
  onNotice(message: string): void;
  /** Files dropped on the canvas: graphs, figures, runs files, datasets (Studio sorts them). */
  onDropFiles(files: File[]): void;
  /** Changes when the canvas's box is resized by the layout (the training views opening), to re-frame the graph. */
  frameKey?: string;
}

interface CacheEntry {
  node: GraphNode;
  sig: string;
  selected: boolean;
  measured: Size | undefined;
  flow: StudioFlowNode;
}

function CanvasView({ analysis, nodeIssues, onNotice, onDropFiles, frameKey }: CanvasProps) {
  const { state, dispatch } = useStudio();
  const { graph } = state;
  const rf = useReactFlow<StudioFlowNode, StudioFlowEdge>();
  const { probe, choose: chooseProbe } = useProbe();
  const cache = useRef(new Map<string, CacheEntry>());
  // Fit only a graph that exists at mount: React Flow would otherwise keep the fit queued
  // and jump the view onto the first node dropped on an empty canvas, away from the pointer.
  const [fitOnMount] = useState(() => graph.nodes.length > 0);
  // the minimap paints SVG fills, which cannot use var(): read the category tokens once
  const [minimap] = useState(() => tokens({ data: 'cat-data', augment: 'cat-augment', network: 'cat-network', operator: 'cat-operator', loss: 'cat-loss', unknown: 'cat-unknown', mask: 'minimap-mask' }));

  // Unchanged nodes keep their object identity so React Flow skips them while another node is dragged.
  const nodes = useMemo(() => {
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
      const flow: StudioFlowNode = {
        id: n.id,
        type: 'studio',
        position: n.position,
        selected: isSel,
        draggable: !locked,
        deletable: !locked,
        ...(measured ? { measured } : {}),
        data: { spec: getSpec(n.type), nodeType: n.type, params: n.params, issues, locked, outputs, inputs },
      };
      next.set(n.id, { node: n, sig, selected: isSel, measured, flow });
      return flow;
    });
    cache.current = next;
    return out;
  }, [graph.nodes, graph.meta.locks, state.selectedNodes, state.measured, nodeIssues, analysis]);

  const edges = useMemo(() => {
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
          data: {
            label: t ? formatType(t) : (declared ?? '?'),
            known: !!t,
            problem: problems.length ? problems.map((i) => i.message).join('\n') : null,
            probed: probe?.node === e.from.node && probe.port === e.from.port,
          },
        };
      });
  }, [graph.edges, graph.nodes, graph.meta.locks, state.selectedEdges, analysis, probe]);

  // One undo entry per drag: every position update of a drag carries the same group.
  const drag = useRef({ count: 0, active: false });
  const onNodesChange = useCallback(
    (changes: NodeChange<StudioFlowNode>[]) => {
      let dragging: boolean | undefined;
      const moves: { id: string; x: number; y: number }[] = [];
      const sizes: { id: string; size: Size }[] = [];
      const sel: { id: string; selected: boolean }[] = [];
      for (const c of changes) {
        if (c.type === 'position') dragging = dragging || c.dragging;
        if (c.type === 'position' && c.position) moves.push({ id: c.id, x: c.position.x, y: c.position.y });
        else if (c.type === 'dimensions' && c.dimensions) sizes.push({ id: c.id, size: { width: c.dimensions.width, height: c.dimensions.height } });
        else if (c.type === 'select') sel.push({ id: c.id, selected: c.selected });
        // 'remove' arrives through onDelete, together with the edges it takes along.
      }
      if (sizes.length) dispatch({ type: 'measure', sizes });
      if (dragging && !drag.current.active) drag.current = { count: drag.current.count + 1, active: true };
      if (moves.length) dispatch({ type: 'moveNodes', positions: moves, group: drag.current.active ? `drag-${drag.current.count}` : undefined });
      if (dragging === false) drag.current.active = false;
      if (sel.length) dispatch({ type: 'selectDelta', nodes: sel, edges: [] });
    },
    [dispatch],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<StudioFlowEdge>[]) => {
      const sel = changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : []));
      if (sel.length) dispatch({ type: 'selectDelta', nodes: [], edges: sel });
    },
    [dispatch],
  );

  const onDelete: OnDelete<StudioFlowNode, StudioFlowEdge> = useCallback(
    ({ nodes: ns, edges: es }) => dispatch({ type: 'remove', nodeIds: ns.map((n) => n.id), edgeIds: es.map((e) => e.id) }),
    [dispatch],
  );

  // Read through a ref so React Flow's handlers do not change identity on every graph edit.
  const live = useRef({ graph, analysis });
  live.current = { graph, analysis };

  // Clicking a wire also plots what it carries in the latent view (when that is a value per sample).
  const onEdgeClick: EdgeMouseHandler<StudioFlowEdge> = useCallback(
    (_event, edge) => {
      if (!edge.sourceHandle) return;
      const t = live.current.analysis.outputs.get(edge.source)?.[edge.sourceHandle];
      if (isPlottable(t)) chooseProbe({ node: edge.source, port: edge.sourceHandle });
    },
    [chooseProbe],
  );

  const isValidConnection: IsValidConnection<StudioFlowEdge> = useCallback((c) => {
    if (!c.sourceHandle || !c.targetHandle) return false;
    const { graph: g, analysis: a } = live.current;
    return wireProblem(g, a, { node: c.source, port: c.sourceHandle }, { node: c.target, port: c.targetHandle }) === null;
  }, []);

  const onConnect: OnConnect = useCallback(
    (c) => {
      if (!c.sourceHandle || !c.targetHandle) return;
      dispatch({ type: 'connect', from: { node: c.source, port: c.sourceHandle }, to: { node: c.target, port: c.targetHandle } });
    },
    [dispatch],
  );

  // React Flow only knows the drop was refused; say why, so the student can fix the wiring.
  const onConnectEnd: OnConnectEnd = useCallback(
    (event, cs) => {
      // A wire dropped on empty canvas: quick add offers the node types it fits and wires the new one in.
      const target = event.target as Element | null;
      if (!cs.toHandle && cs.fromHandle?.id && target?.classList?.contains('react-flow__pane')) {
        const p = 'changedTouches' in event ? event.changedTouches[0] : event;
        requestEditor('quickAdd', { client: { x: p.clientX, y: p.clientY }, end: { node: cs.fromHandle.nodeId, port: cs.fromHandle.id, kind: cs.fromHandle.type } });
        return;
      }
      if (cs.isValid !== false || !cs.fromHandle || !cs.toHandle) return;
      const reason = explainWire(live.current.graph, live.current.analysis, cs.fromHandle, cs.toHandle);
      if (reason) onNotice(reason);
    },
    [onNotice],
  );

  // A double-click on empty canvas opens quick add there (zoom stays on the wheel and the buttons).
  const onDoubleClick = useCallback((e: MouseEvent) => {
    if ((e.target as Element).classList?.contains('react-flow__pane')) requestEditor('quickAdd', { client: { x: e.clientX, y: e.clientY } });
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    const types = Array.from(e.dataTransfer.types);
    if (!types.includes(NODE_MIME) && !types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = types.includes('Files') ? 'copy' : 'move';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(NODE_MIME);
      if (type) {
        e.preventDefault();
        const at = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
        dispatch({ type: 'addNode', nodeType: type, position: centered(at) });
        return;
      }
      const files = Array.from(e.dataTransfer.files ?? []);
      if (files.length) {
        e.preventDefault();
        onDropFiles(files);
      }
    },
    [rf, dispatch, onDropFiles],
  );

  // A new graph (preset, import) should be framed, not left wherever the old one was. An empty
  // one must not be: React Flow would hold the fit until the first node lands and jump to it.
  const hasNodes = graph.nodes.length > 0;
  const fitFor = useRef(0);
  useEffect(() => {
    if (state.revision === fitFor.current) return;
    fitFor.current = state.revision;
    if (hasNodes) void rf.fitView(FIT);
    else void rf.setViewport({ x: 0, y: 0, zoom: 1 });
  }, [state.revision, hasNodes, rf]);

  // The dock opening takes half the canvas: re-frame once the new size has been laid out.
  const framed = useRef(frameKey);
  useEffect(() => {
    if (framed.current === frameKey) return;
    framed.current = frameKey;
    if (!hasNodes) return;
    const id = requestAnimationFrame(() => void rf.fitView(FIT));
    return () => cancelAnimationFrame(id);
  }, [frameKey, hasNodes, rf]);

  return (
    <ReactFlow<StudioFlowNode, StudioFlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onDelete={onDelete}
      onEdgeClick={onEdgeClick}
      onConnect={onConnect}
      onConnectEnd={onConnectEnd}
      isValidConnection={isValidConnection}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onDoubleClick={onDoubleClick}
      zoomOnDoubleClick={false}
      deleteKeyCode={['Delete', 'Backspace']}
      multiSelectionKeyCode={MULTI_SELECT}
      fitView={fitOnMount}
      fitViewOptions={FIT}
      minZoom={0.2}
      maxZoom={2}
      colorMode="dark"
      proOptions={{ hideAttribution: true }}
      aria-label="Graph canvas"
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="var(--grid)" />
      <Controls showInteractive={false} position="bottom-left" />
      <MiniMap
        position="bottom-right"
        pannable
        zoomable
        style={{ width: 168, height: 112 }}
        nodeColor={(n) => {
          const spec = (n as StudioFlowNode).data?.spec;
          return minimap[spec ? spec.category : 'unknown'];
        }}
        maskColor={minimap.mask}
      />
      <AnnotationLayer />
      <ConnectionHint explain={(from, to) => explainWire(live.current.graph, live.current.analysis, from, to)} />
      {graph.nodes.length === 0 && (
        <Panel position="top-center" className="canvas-hint">
          Drag nodes from the palette or open a preset
        </Panel>
      )}
    </ReactFlow>
  );
}

/** Memoised: the studio re-renders when a run starts or ends, which changes nothing on the canvas. */
export const Canvas = memo(CanvasView);
