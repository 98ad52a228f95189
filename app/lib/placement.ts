// Where a node added from the keyboard lands: at the viewport centre, nudged
// diagonally while another node already sits there, so repeated Enter presses
// fan nodes out instead of stacking them invisibly on top of each other.
import type { Graph } from '../../engine/graph';

/** Rough size of a fresh node before React Flow has measured it. */
export const NODE_SIZE = { width: 190, height: 96 };

const NUDGE = 44;
const NEAR = 24;

export function freeSpot(graph: Graph, at: { x: number; y: number }): { x: number; y: number } {
  let p = { x: Math.round(at.x), y: Math.round(at.y) };
  for (let i = 0; i < 50; i++) {
    const taken = graph.nodes.some((n) => Math.abs(n.position.x - p.x) < NEAR && Math.abs(n.position.y - p.y) < NEAR);
    if (!taken) return p;
    p = { x: p.x + NUDGE, y: p.y + NUDGE };
  }
  return p;
}

/** Top-left corner that puts a fresh node's centre on `centre`. */
export function centered(center: { x: number; y: number }): { x: number; y: number } {
  return { x: center.x - NODE_SIZE.width / 2, y: center.y - NODE_SIZE.height / 2 };
}
