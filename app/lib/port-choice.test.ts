import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Graph } from '../../engine/graph';
import { presetGraph } from '../../engine/presets';
import { analyzeGraph } from './analysis';
import { pairWire } from './connect-pair';
import { firstUsefulPort, nodeTitle, nodeWires, ownPorts, portName, wireCandidates } from './port-choice';

const ae = () => structuredClone(presetGraph('ae') as Graph);

test("a node's own ports: outputs first, then inputs", () => {
  assert.deepEqual(
    ownPorts(ae(), 'recon').map((p) => `${p.side}:${p.port}`),
    ['out:loss', 'in:prediction', 'in:target'],
  );
  assert.deepEqual(ownPorts(ae(), 'nope'), []);
});

test('candidates for an input: accepted outputs first with nothing replaced, refused ones carry the reason', () => {
  const g = ae();
  // both wires into the loss removed: its target is free
  g.edges = g.edges.filter((e) => e.to.node !== 'recon');
  const c = wireCandidates(g, analyzeGraph(g), { node: 'recon', port: 'target', side: 'in' });
  const ok = c.filter((x) => !x.problem).map((x) => `${x.from.node}.${x.from.port}`);
  assert.deepEqual(ok, ['data.image', 'decoder.out']);
  const labels = c.find((x) => x.from.port === 'labels')!;
  assert.match(labels.problem!, /target/);
  const latent = c.find((x) => x.from.node === 'encoder')!;
  assert.ok(latent.problem, 'a latent code is not an image');
  // refused ones come last
  assert.ok(c.findIndex((x) => x.problem) > c.map((x) => !x.problem).lastIndexOf(true));
  // the choice is one the C key would not make: with both inputs free, C wires the first one (prediction)
  const c2 = pairWire(g, analyzeGraph(g), ['data', 'recon']);
  assert.ok(!('problem' in c2) && c2.to.port === 'prediction');
});

test('candidates for an output: a taken input is offered after the free ones, naming the wire it replaces; a cycle is refused', () => {
  const g = ae();
  const c = wireCandidates(g, analyzeGraph(g), { node: 'decoder', port: 'out', side: 'out' });
  // decoder.out → recon.prediction exists already: not a choice
  assert.ok(!c.some((x) => x.to.node === 'recon' && x.to.port === 'prediction'));
  const target = c.find((x) => x.to.node === 'recon' && x.to.port === 'target')!;
  assert.equal(target.problem, null);
  assert.equal(target.replaces?.from.node, 'data');
  const back = c.find((x) => x.to.node === 'encoder')!;
  assert.ok(back.problem, 'encoder.in would take the decoder back into itself');
  const ranks = c.map((x) => (x.problem ? 2 : x.replaces ? 1 : 0));
  assert.deepEqual(ranks, [...ranks].sort());
});

test('two selected nodes: only the other one is offered', () => {
  const g = ae();
  const c = wireCandidates(g, analyzeGraph(g), { node: 'data', port: 'image', side: 'out' }, ['recon']);
  assert.ok(c.length > 0 && c.every((x) => x.to.node === 'recon'));
});

test("a node's wires: inputs first; a wire between two locked nodes cannot be removed", () => {
  const g = ae();
  // named as the canvas shows them: node title and port label ("latent", not the id "out")
  assert.deepEqual(
    nodeWires(g, 'encoder').map((w) => w.label),
    ['MNIST · image → Encoder · in', 'Encoder · latent → Decoder · latent'],
  );
  g.meta.locks = ['encoder', 'decoder'];
  const w = nodeWires(g, 'encoder');
  assert.equal(w[0].problem, null);
  assert.match(w[1].problem!, /locked/);
});

test('the first port offered is one with an accepted wire', () => {
  const g = ae();
  // the loss's own output feeds nothing in this graph; its inputs are all that can be wired
  const p = firstUsefulPort(g, analyzeGraph(g), 'recon');
  assert.equal(p?.side, 'in');
  assert.equal(firstUsefulPort(g, analyzeGraph(g), 'data')?.port, 'image');
});

test('names carry an id only where two would read the same', () => {
  const g = ae();
  assert.equal(nodeTitle(g, 'recon'), 'Reconstruction loss');
  assert.equal(portName(g, { node: 'encoder', port: 'out' }, 'out'), 'Encoder · latent');
  // a second encoder: both are told apart by id, in every list that names them
  const enc = g.nodes.find((n) => n.id === 'encoder')!;
  g.nodes.push({ ...structuredClone(enc), id: 'encoder-2', position: { x: 0, y: 400 } });
  assert.equal(nodeTitle(g, 'encoder'), 'Encoder (encoder)');
  assert.equal(nodeTitle(g, 'decoder'), 'Decoder');
  assert.deepEqual(nodeWires(g, 'decoder').map((w) => w.label), ['Encoder (encoder) · latent → Decoder · latent', 'Decoder · image → Reconstruction loss · prediction']);
  const c = wireCandidates(g, analyzeGraph(g), { node: 'decoder', port: 'in', side: 'in' });
  assert.ok(c.some((x) => x.label === 'Encoder (encoder-2) · latent'));
  assert.ok(c.some((x) => x.label === 'MNIST · image'));
});
