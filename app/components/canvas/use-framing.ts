'use client';
// Frames the graph (app/lib/framing.ts) when a new one is loaded, at mount and
// when the dock opens or closes, once React Flow has measured the nodes. The
// framing keeps a band free for the minimap at the bottom unless that would
// make node text unreadable; the minimap shows only when the canvas is tall
// enough to spare it (with the training views open it would sit on the nodes)
// and no node of the framed graph lies under it.
import { useNodesInitialized, useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { frameGraph } from '../../lib/framing';
import type { StudioFlowEdge } from '../TypedEdge';
import type { StudioFlowNode } from '../FlowNode';

export const MARGIN = 28;
/** The zoom buttons' strip (26 px high, 15 px from the bottom) reaches this far above MARGIN. */
export const CONTROLS_BAND = 20;
/** The minimap's box (168 × 112) plus React Flow's 15 px panel margin. */
export const MINIMAP = { width: 168, height: 112, band: 112 + 15 + 8 };
/** Below this canvas height the minimap would cover the graph: it is hidden. */
const MINIMAP_MIN_HEIGHT = 560;

const PANEL_MARGIN = 15;

// The Layout command moves every node: it asks for the same framing as a new graph.
let frameAsked: (() => void) | null = null;
/** Frames the graph again once React Flow holds the graph's current positions. */
export function requestFrame() {
  frameAsked?.();
}

/** Frames the graph when owed; returns whether the minimap may show. */
export function useFraming(revision: number, frameKey: string | undefined, graphNodes: readonly { id: string; position: { x: number; y: number } }[]): boolean {
  const hasNodes = graphNodes.length > 0;
  const tall = useStore((s) => s.height >= MINIMAP_MIN_HEIGHT);
  const [clear, setClear] = useState(true);
  const rf = useReactFlow<StudioFlowNode, StudioFlowEdge>();
  const initialized = useNodesInitialized();
  const size = useStore((s) => `${s.width}x${s.height}`);
  // A frame is owed at mount (when there is a graph), after a new graph and after the dock moved.
  const owed = useRef(hasNodes);
  const [asked, ask] = useState(0);
  useEffect(() => {
    const fn = () => ask((n) => n + 1);
    frameAsked = fn;
    return () => {
      if (frameAsked === fn) frameAsked = null;
    };
  }, []);
  const seen = useRef({ revision, frameKey, asked });
  // the dock opening or closing resizes the canvas a moment later: frame for the new size
  const staleSize = useRef<string | null>(null);
  const [, retry] = useState(0);
  if (seen.current.revision !== revision || seen.current.frameKey !== frameKey || seen.current.asked !== asked) {
    if (seen.current.frameKey !== frameKey) staleSize.current = size;
    seen.current = { revision, frameKey, asked };
    owed.current = true;
  }

  useEffect(() => {
    if (!owed.current) return;
    if (!hasNodes) {
      owed.current = false;
      void rf.setViewport({ x: 0, y: 0, zoom: 1 });
      return;
    }
    if (!initialized) return;
    const [w, h] = size.split('x').map(Number);
    if (!w || !h) return;
    if (staleSize.current === size) {
      // not resized yet; a size that never changes is framed after a short wait anyway
      const t = setTimeout(() => {
        staleSize.current = null;
        retry((n) => n + 1);
      }, 250);
      return () => clearTimeout(t);
    }
    staleSize.current = null;
    // React Flow takes the new nodes in an effect: until it holds exactly these, measured, wait
    const held = rf.getNodes();
    const want = new Map(graphNodes.map((n) => [n.id, n.position]));
    const same = (n: StudioFlowNode) => {
      const p = want.get(n.id);
      return !!p && p.x === n.position.x && p.y === n.position.y && !!n.measured?.width && !!n.measured?.height;
    };
    if (held.length !== want.size || !held.every(same)) return;
    owed.current = false;
    const bounds = rf.getNodesBounds(rf.getNodes());
    // Always the whole graph: tests and tours across the app expect every node of a freshly
    // opened graph on screen; the preset layouts fit 1440×900 at a readable zoom.
    const vp = frameGraph(bounds, w, h, MARGIN, tall ? MINIMAP.band : CONTROLS_BAND, CONTROLS_BAND);
    void rf.setViewport({ x: vp.x, y: vp.y, zoom: vp.zoom });
    // a graph too tall for the space above the band still reaches into it: no minimap then
    const box = { left: w - PANEL_MARGIN - MINIMAP.width, top: h - PANEL_MARGIN - MINIMAP.height };
    const under = rf.getNodes().some((n) => {
      const p = rf.getInternalNode(n.id)?.internals.positionAbsolute ?? n.position;
      const right = (p.x + (n.measured?.width ?? 0)) * vp.zoom + vp.x;
      const bottom = (p.y + (n.measured?.height ?? 0)) * vp.zoom + vp.y;
      return right > box.left && bottom > box.top && p.x * vp.zoom + vp.x < w && p.y * vp.zoom + vp.y < h;
    });
    setClear(!under);
  });
  return tall && clear;
}
