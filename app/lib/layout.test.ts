import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Graph } from '../../engine/graph';
import { PRESETS } from '../../engine/presets';
import { READABLE_ZOOM } from './framing';
import { LAYER_GAP, layoutGraph } from './layout';
import { NODE_SIZE } from './placement';

type Box = { x: number; y: number; w: number; h: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

test('every preset laid out: no two nodes overlap, wires run left to right with room for their labels', async () => {
  for (const p of PRESETS) {
    const g: Graph = p.graph;
    const sizes = Object.fromEntries(g.nodes.map((n, i) => [n.id, { width: 180 + (i % 3) * 10, height: 90 + (i % 4) * 20 }]));
    const pos = new Map((await layoutGraph(g, sizes)).map((q) => [q.id, q]));
    assert.equal(pos.size, g.nodes.length, p.name);
    const boxes = g.nodes.map((n) => ({ id: n.id, x: pos.get(n.id)!.x, y: pos.get(n.id)!.y, w: sizes[n.id].width, h: sizes[n.id].height }));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlap(boxes[i], boxes[j]), `${p.name}: ${boxes[i].id} overlaps ${boxes[j].id}`);
    for (const e of g.edges) {
      const a = boxes.find((b) => b.id === e.from.node)!;
      const b = boxes.find((x) => x.id === e.to.node)!;
      assert.ok(b.x - (a.x + a.w) >= LAYER_GAP - 1, `${p.name}: ${e.id} has room for its label`);
    }
    // the laid-out block keeps the graph's top-left corner
    assert.equal(Math.min(...boxes.map((b) => b.x)), Math.min(...g.nodes.map((n) => n.position.x)), p.name);
  }
});

test('a subset is laid out among itself; unknown sizes fall back to the default node size', async () => {
  const g = PRESETS.find((p) => p.name === 'ae')!.graph;
  const r = await layoutGraph(g, {}, ['encoder', 'decoder']);
  assert.deepEqual(r.map((q) => q.id), ['encoder', 'decoder']);
  assert.ok(r[1].x >= r[0].x + NODE_SIZE.width + LAYER_GAP - 1);
  assert.deepEqual(await layoutGraph(g, {}, []), []);
});

const bbox = (pos: { x: number; y: number }[], w: number, h: number) => ({
  width: Math.max(...pos.map((p) => p.x)) + w - Math.min(...pos.map((p) => p.x)),
  height: Math.max(...pos.map((p) => p.y)) + h - Math.min(...pos.map((p) => p.y)),
});

test('given the canvas, a chain too long to read in one row is wrapped into rows that fit at a readable zoom', async () => {
  const view = { width: 760, height: 626 }; // the 1440×900 studio's canvas inside the framing margins
  for (const name of ['simclr', 'dae']) {
    const g = PRESETS.find((p) => p.name === name)!.graph;
    const sizes = Object.fromEntries(g.nodes.map((n) => [n.id, { width: 180, height: 140 }]));
    const row = bbox(await layoutGraph(g, sizes), 180, 140);
    assert.ok(view.width / row.width < READABLE_ZOOM, `${name}: one row is too wide to read`);
    const wrapped = await layoutGraph(g, sizes, undefined, view);
    const b = bbox(wrapped, 180, 140);
    assert.ok(Math.min(view.width / b.width, view.height / b.height) >= READABLE_ZOOM, `${name}: ${b.width}×${b.height} fits at a readable zoom`);
    const boxes = wrapped.map((p) => ({ ...p, w: 180, h: 140 }));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlap(boxes[i], boxes[j]), `${name}: ${boxes[i].id} overlaps ${boxes[j].id}`);
  }
  // a graph that already reads in one row stays one row
  const km = PRESETS.find((p) => p.name === 'kmeans')!.graph;
  const [data, kmeans] = await layoutGraph(km, {}, undefined, view);
  assert.ok(kmeans.x >= data.x + NODE_SIZE.width + LAYER_GAP - 1, 'side by side');
});
