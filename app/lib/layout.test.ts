import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Graph } from '../../engine/graph';
import { PRESETS } from '../../engine/presets';
import { READABLE_ZOOM } from './framing';
import { LAYER_GAP, layoutGraph, packRows } from './layout';
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

test('where wrapped rows still do not read (a joint-embedding graph on the 1024×768 canvas), the nodes are packed in flow order into grid rows that do', async () => {
  const view = { width: 610, height: 582 }; // the 1024×768 studio's canvas (palette folded) inside the framing margins
  for (const name of ['byol', 'moco', 'ijepa']) {
    const g = PRESETS.find((p) => p.name === name)!.graph;
    // measured in the browser: nodes are 176–250 wide and 100–186 tall
    const sizes = Object.fromEntries(g.nodes.map((n, i) => [n.id, { width: 176 + (i % 3) * 20, height: 140 + (i % 2) * 23 }]));
    const at = await layoutGraph(g, sizes, undefined, view);
    const boxes = at.map((p) => ({ ...p, w: sizes[p.id].width, h: sizes[p.id].height }));
    const w = Math.max(...boxes.map((b) => b.x + b.w)) - Math.min(...boxes.map((b) => b.x));
    const h = Math.max(...boxes.map((b) => b.y + b.h)) - Math.min(...boxes.map((b) => b.y));
    assert.ok(Math.min(view.width / w, view.height / h) >= READABLE_ZOOM, `${name}: ${w}×${h} fits at a readable zoom`);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlap(boxes[i], boxes[j]), `${name}: ${boxes[i].id} overlaps ${boxes[j].id}`);
  }
});

test('packRows takes the widest rows that read, and keeps the flow order within a row', () => {
  const row = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({ id, x: i * 300, y: 0 }));
  const size = () => ({ width: 200, height: 100 });
  // three columns (680 px wide) read on 600 px at 11/13, four (920) do not
  const at = packRows(row, size, { width: 600, height: 400 });
  assert.deepEqual(at.map((p) => [p.id, p.x, p.y]), [['a', 0, 0], ['b', 240, 0], ['c', 480, 0], ['d', 0, 140], ['e', 240, 140], ['f', 480, 140]]);
});
