// Auto-layout with ELK's layered algorithm: data flows left to right, ports
// keep the order the node draws them in (so wires do not cross inside a node),
// and the gap between layers leaves room for the wire's type label. Given the
// canvas size, a graph whose single row would only fit below the readable zoom
// is wrapped into rows shaped like the canvas (ELK's graph wrapping), when that
// fits better; where even that does not read, its nodes are packed in flow order
// into rows of a grid (`packRows`). Pure (no DOM): elkjs's bundled build runs the
// same in Node and the browser.
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Graph } from '../../engine/graph';
import { getSpec } from '../../nodes/registry';
import { READABLE_ZOOM } from './framing';
import type { Size } from './graph-store';
import { unionRect } from './keep-in-view';
import { NODE_SIZE } from './placement';

/** Room between two layers for the label of the wires crossing it ("image [B, 28, 28, 1]" at 10.5 px). */
export const LAYER_GAP = 150;
export const NODE_GAP = 36;
/** Layer gaps tried, in turn, for a graph wrapped into rows to fit the canvas. */
const WRAP_GAPS = [LAYER_GAP, 100, 60];
const WRAP_NODE_GAP = 24;
/** Gaps between the packed rows' columns and rows (short wires: their labels fold to a dot). */
export const PACK_GAP = 40;

type Elk = { layout(g: ElkNode): Promise<ElkNode> };
let elk: Promise<Elk> | null = null;

function engine(): Promise<Elk> {
  // Loaded on first use: the layout engine is ~1.5 MB of script nobody needs until they press Layout.
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default() as unknown as Elk);
  return elk;
}

/** The zoom at which a block of boxes fits `view` (screen pixels), at most 1. */
export function fitZoom(children: readonly { x?: number; y?: number; width?: number; height?: number }[], view: Size): number {
  const box = unionRect(children.map((c) => ({ x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 })));
  if (!box) return 1;
  return Math.min(view.width / Math.max(1, box.width), view.height / Math.max(1, box.height), 1);
}

type Placed = { id: string; x: number; y: number };

/**
 * The nodes in flow order (their left-to-right order in a one-row layout, `row`) packed into
 * rows of k, each column as wide as its widest node and each row as tall as its tallest: the
 * widest k that reads on `view`, else the one that reads best. Layered wrapping keeps a
 * layer's nodes stacked and routes the wrapped wires between rows, which a 9-node
 * joint-embedding graph on the 1024×768 canvas cannot afford; a grid can.
 */
export function packRows(row: readonly Placed[], size: (id: string) => Size, view: Size): Placed[] {
  const order = [...row].sort((a, b) => a.x - b.x || a.y - b.y).map((q) => q.id);
  let best: { z: number; at: Placed[] } = { z: 0, at: [] };
  for (let k = order.length; k >= 1; k--) {
    const rows = Array.from({ length: Math.ceil(order.length / k) }, (_, r) => order.slice(r * k, r * k + k));
    const colW = Array.from({ length: k }, (_, c) => Math.max(0, ...rows.map((r) => (r[c] ? size(r[c]).width : 0))));
    const rowH = rows.map((r) => Math.max(...r.map((id) => size(id).height)));
    const at = rows.flatMap((r, ri) =>
      r.map((id, c) => ({
        id,
        x: colW.slice(0, c).reduce((a, b) => a + b + PACK_GAP, 0),
        y: rowH.slice(0, ri).reduce((a, b) => a + b + PACK_GAP, 0),
      })),
    );
    const z = fitZoom(at.map((p) => ({ ...p, ...size(p.id) })), view);
    if (z > best.z) best = { z, at };
    if (z >= READABLE_ZOOM) return at;
  }
  return best.at;
}

/**
 * New top-left positions for `nodeIds` (all nodes when omitted), laid out among
 * themselves; with a subset, the result keeps the subset's top-left corner where it was.
 * With `view` (the canvas area the graph is framed in, in screen pixels), a whole
 * graph too wide to read there in one row is wrapped into rows when that fits better.
 */
export async function layoutGraph(graph: Graph, sizes: Record<string, Size>, nodeIds?: readonly string[], view?: Size): Promise<{ id: string; x: number; y: number }[]> {
  const ids = new Set(nodeIds ?? graph.nodes.map((n) => n.id));
  const nodes = graph.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return [];
  const size = (id: string) => sizes[id] ?? NODE_SIZE;
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'SPLINES',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(LAYER_GAP),
      'elk.spacing.nodeNode': String(NODE_GAP),
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.semiInteractive': 'true',
    },
    children: nodes.map((n) => {
      const spec = getSpec(n.type);
      const s = size(n.id);
      const ports = [
        ...(spec?.inputs ?? []).map((p, i) => ({ id: `${n.id}::in::${p.id}`, layoutOptions: { 'elk.port.side': 'WEST', 'elk.port.index': String(i) } })),
        // ELK counts east ports from the bottom: reverse so the first output stays on top
        ...(spec?.outputs ?? []).map((p, i, all) => ({ id: `${n.id}::out::${p.id}`, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(all.length - 1 - i) } })),
      ];
      return {
        id: n.id,
        width: s.width,
        height: s.height,
        ports: ports.map((p) => ({ ...p, width: 1, height: 1 })),
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER', 'elk.position': `(${n.position.x}, ${n.position.y})` },
      };
    }),
    edges: graph.edges
      .filter((e) => ids.has(e.from.node) && ids.has(e.to.node))
      .map((e) => ({ id: e.id, sources: [`${e.from.node}::out::${e.from.port}`], targets: [`${e.to.node}::in::${e.to.port}`] })),
  };
  const elkjs = await engine();
  // ELK writes its answer into the graph it is given: each run gets its own copy
  const row = await elkjs.layout(structuredClone(root));
  let out = row;
  // Wrapped rows, at narrower layer gaps while still unreadable (short wires fold their labels to a dot)
  for (const gap of WRAP_GAPS) {
    if (!view || nodeIds || fitZoom(out.children ?? [], view) >= READABLE_ZOOM) break;
    const wrapping = {
      'elk.layered.wrapping.strategy': 'MULTI_EDGE',
      'elk.aspectRatio': String(view.width / Math.max(1, view.height)),
      'elk.layered.spacing.nodeNodeBetweenLayers': String(gap),
      // rows packed closer: on a 528 px canvas this is what takes SimCLR from 10.6 to 11.6 px text
      'elk.spacing.nodeNode': String(WRAP_NODE_GAP),
      'elk.layered.wrapping.additionalEdgeSpacing': '0',
    };
    const wrapped = await elkjs.layout({ ...structuredClone(root), layoutOptions: { ...root.layoutOptions, ...wrapping } });
    if (fitZoom(wrapped.children ?? [], view) > fitZoom(out.children ?? [], view)) out = wrapped;
  }
  let children: { id: string; x?: number; y?: number; width?: number; height?: number }[] = out.children ?? [];
  // Still unreadable (long joint-embedding graphs on a narrow canvas): rows of a grid, when they read better
  if (view && !nodeIds && fitZoom(children, view) < READABLE_ZOOM) {
    const packed = packRows((row.children ?? []).map((c) => ({ id: c.id, x: c.x ?? 0, y: c.y ?? 0 })), size, view).map((p) => ({ ...p, ...size(p.id) }));
    if (fitZoom(packed, view) > fitZoom(children, view)) children = packed;
  }
  const placed = new Map(children.map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  // Keep the laid-out block where the nodes were, so the view does not jump.
  const ox = Math.min(...nodes.map((n) => n.position.x));
  const oy = Math.min(...nodes.map((n) => n.position.y));
  const lx = Math.min(...[...placed.values()].map((p) => p.x));
  const ly = Math.min(...[...placed.values()].map((p) => p.y));
  return nodes.map((n) => {
    const p = placed.get(n.id) ?? { x: lx, y: ly };
    return { id: n.id, x: Math.round(ox + p.x - lx), y: Math.round(oy + p.y - ly) };
  });
}
