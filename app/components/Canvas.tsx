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
  type IsValidConnection,
  type EdgeMouseHandler,
  type OnConnect,
  type OnConnectEnd,
  type OnDelete,
} from '@xyflow/react';
import { memo, useCallback, useMemo, useRef, type DragEvent, type MouseEvent } from 'react';
import type { GraphIssue } from '../../engine/types';
import type { StudioAnalysis } from '../lib/analysis';
import { tokens } from '../lib/theme';
import { explainWire, wireProblem } from '../lib/connection-rules';
import { NODE_MIME } from '../lib/drag';
import { useStudio } from '../lib/graph-store';
import { centered } from '../lib/placement';
import { isPlottable, useProbe } from '../lib/probe';
import { AnnotationLayer } from './annotations/AnnotationLayer';
import { useTheme } from '../lib/use-theme';
import { useFlowEdges, useFlowNodes } from './canvas/use-flow-elements';
import { KeepInView } from './canvas/KeepInView';
import { MINIMAP, useFraming } from './canvas/use-framing';
import { useLabelFolding } from './canvas/use-label-folding';
import { useNodeChanges } from './canvas/use-node-changes';
import { ConnectionHint } from './ConnectionHint';
import { requestEditor } from './editor/bridge';
import { FlowNode, type StudioFlowNode } from './FlowNode';
import { TypedEdge, type StudioFlowEdge } from './TypedEdge';
import './Canvas.css';

const nodeTypes = { studio: FlowNode };
const edgeTypes = { typed: TypedEdge };
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

function CanvasView({ analysis, nodeIssues, onNotice, onDropFiles, frameKey }: CanvasProps) {
  const { state, dispatch } = useStudio();
  const { graph } = state;
  const rf = useReactFlow<StudioFlowNode, StudioFlowEdge>();
  const { probe, choose: chooseProbe } = useProbe();
  const theme = useTheme();
  // the minimap paints SVG fills, which cannot use var(): read the category tokens per theme
  const minimap = useMemo(
    () => tokens({ data: 'cat-data', augment: 'cat-augment', network: 'cat-network', operator: 'cat-operator', loss: 'cat-loss', unknown: 'cat-unknown', mask: 'minimap-mask' }),
    // the tokens' values change with the theme
    [theme],
  );
  const nodes = useFlowNodes(state, analysis, nodeIssues);
  const edges = useFlowEdges(state, analysis, probe);
  const { onNodesChange, onEdgesChange } = useNodeChanges(dispatch);
  const box = useRef<HTMLDivElement>(null);
  useLabelFolding(box, [nodes, edges]);

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

  // A new graph (preset, import) and the dock opening re-frame the view at a readable zoom.
  const showMinimap = useFraming(state.revision, frameKey, graph.nodes);

  return (
    <ReactFlow<StudioFlowNode, StudioFlowEdge>
      ref={box}
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
      // KeepInView pans a Tab-focused node in, as little as needed, smoothly, and notes and frames too
      autoPanOnNodeFocus={false}
      deleteKeyCode={['Delete', 'Backspace']}
      multiSelectionKeyCode={MULTI_SELECT}
      minZoom={0.2}
      maxZoom={2}
      colorMode={theme}
      proOptions={{ hideAttribution: true }}
      aria-label="Graph canvas"
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="var(--grid)" />
      <Controls showInteractive={false} position="bottom-left" orientation="horizontal" />
      {showMinimap && (
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          style={{ width: MINIMAP.width, height: MINIMAP.height }}
          nodeColor={(n) => {
            const spec = (n as StudioFlowNode).data?.spec;
            return minimap[spec ? spec.category : 'unknown'];
          }}
          maskColor={minimap.mask}
        />
      )}
      <AnnotationLayer />
      <KeepInView />
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
