import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSpec } from '../nodes/registry';
import type { Graph } from './graph';
import { presetGraph } from './presets';
import { analyze, analyzeForTraining } from './validate';

const ae = (): Graph => presetGraph('ae')!;
const errors = (g: Graph) => analyze(g, getSpec).issues.filter((i) => i.severity === 'error');

test('the presets are valid and every edge carries an inferred type', () => {
  for (const name of ['ae', 'dae']) {
    const g = presetGraph(name)!;
    const a = analyzeForTraining(g, getSpec);
    assert.deepEqual(a.issues, [], name);
    assert.equal(a.edgeTypes.size, g.edges.length);
  }
  const a = analyze(ae(), getSpec);
  assert.deepEqual(a.edgeTypes.get('e-data-enc'), { type: 'image', shape: ['B', 28, 28, 1] });
  assert.deepEqual(a.edgeTypes.get('e-enc-dec'), { type: 'latent', shape: ['B', 128], views: undefined });
});

test('a missing input names the node and the port', () => {
  const g = ae();
  g.edges = g.edges.filter((e) => e.id !== 'e-enc-dec');
  const errs = errors(g);
  assert.equal(errs.length, 1);
  assert.equal(errs[0].code, 'missing-input');
  assert.deepEqual(errs[0].nodeIds, ['decoder']);
  assert.equal(errs[0].message, 'Decoder.in is not connected');
});

test('a cycle is reported with the nodes in it', () => {
  const g = ae();
  // decoder output fed back into the encoder: replaces the data edge so the input stays single
  g.edges = g.edges.filter((e) => e.id !== 'e-data-enc');
  g.nodes.push({ id: 'noise', type: 'augment.gaussian-noise', typeVersion: 1, params: {}, position: { x: 0, y: 0 } });
  g.edges.push({ id: 'x1', from: { node: 'decoder', port: 'out' }, to: { node: 'noise', port: 'in' } });
  g.edges.push({ id: 'x2', from: { node: 'noise', port: 'out' }, to: { node: 'encoder', port: 'in' } });
  const cyc = errors(g).find((i) => i.code === 'cycle');
  assert.ok(cyc);
  assert.deepEqual([...cyc.nodeIds].sort(), ['decoder', 'encoder', 'noise']);
  assert.match(cyc.message, /cycle: .*Encoder \(encoder\).*→/);
});

test('an incompatible edge says what was expected and what came', () => {
  const g = ae();
  g.edges = g.edges.map((e) => (e.id === 'e-enc-dec' ? { ...e, from: { node: 'data', port: 'image' } } : e));
  const errs = errors(g);
  assert.equal(errs[0].code, 'type-mismatch');
  assert.equal(errs[0].message, 'Decoder · latent expects latent or vector, got image [B, 28, 28, 1]');
  assert.deepEqual(errs[0].edgeIds, ['e-enc-dec']);
});

test('a shape mismatch between reconstruction and target is caught before training', () => {
  const g = ae();
  g.nodes.find((n) => n.id === 'decoder')!.params.height = 14;
  const errs = errors(g);
  assert.equal(errs.length, 1);
  assert.equal(errs[0].code, 'shape-mismatch');
  assert.deepEqual(errs[0].nodeIds, ['recon']);
  assert.match(errs[0].message, /prediction image \[B, 14, 28, 1\] and target image \[B, 28, 28, 1\] must have the same size/);
});

test('bad params, unknown types, unknown ports and double inputs are each reported', () => {
  const g = ae();
  g.nodes.find((n) => n.id === 'encoder')!.params.latent = 0;
  g.nodes.find((n) => n.id === 'decoder')!.params.colour = 'red';
  g.nodes.push({ id: 'mystery', type: 'net.hopfield', typeVersion: 1, params: {}, position: { x: 0, y: 0 } });
  g.edges.push({ id: 'dup', from: { node: 'data', port: 'image' }, to: { node: 'recon', port: 'target' } });
  g.edges.push({ id: 'ghost', from: { node: 'data', port: 'pixels' }, to: { node: 'recon', port: 'target' } });
  const msgs = errors(g).map((i) => `${i.code}: ${i.message}`);
  assert.ok(msgs.includes('bad-params: Encoder: Latent size must be at least 1'), msgs.join('\n'));
  assert.ok(msgs.includes('bad-params: Decoder: unknown parameter "colour"'), msgs.join('\n'));
  assert.ok(msgs.includes('unknown-node-type: unknown node type "net.hopfield"'));
  assert.ok(msgs.includes('duplicate-input: Reconstruction loss.target already has an input; an input takes one edge'));
  assert.ok(msgs.includes('unknown-port: MNIST has no output "pixels"'));
});

test('training needs a dataset and a loss', () => {
  const empty = analyzeForTraining({ ...ae(), nodes: [], edges: [] }, getSpec);
  assert.match(empty.issues[0].message, /canvas is empty/);
  const g = ae();
  g.nodes = g.nodes.filter((n) => n.id !== 'recon');
  g.edges = g.edges.filter((e) => e.to.node !== 'recon');
  assert.ok(analyzeForTraining(g, getSpec).issues.some((i) => i.code === 'no-loss'));
});

test('what the compiler refuses is found first, on the nodes: two datasets feeding the losses, none feeding them', () => {
  const two = ae();
  two.nodes.push({ ...structuredClone(two.nodes[0]), id: 'data2' });
  two.edges = two.edges.map((e) => (e.id === 'e-data-recon' ? { ...e, from: { node: 'data2', port: 'image' } } : e));
  const twice = analyzeForTraining(two, getSpec).issues.find((i) => /only one dataset/.test(i.message));
  assert.deepEqual(twice?.nodeIds, ['data', 'data2']);
  assert.match(twice!.message, /2 do \("data", "data2"\)/);

  // a second dataset that feeds nothing is harmless
  const spare = ae();
  spare.nodes.push({ ...structuredClone(spare.nodes[0]), id: 'data2' });
  assert.ok(!analyzeForTraining(spare, getSpec).issues.some((i) => i.severity === 'error'));

  const cut = ae();
  cut.edges = cut.edges.filter((e) => e.from.node !== 'data');
  const none = analyzeForTraining(cut, getSpec).issues.find((i) => i.code === 'no-dataset');
  assert.match(none!.message, /no dataset feeds a loss/);
  assert.ok(none!.nodeIds.includes('data') && none!.nodeIds.includes('recon'));
});

test('a latent variable downstream of another is refused on both nodes', () => {
  // the shipped latent has no inputs; a spec that had one must not nest inner minimisations
  const real = getSpec('op.latent')!;
  const withInput = { ...real, inputs: [{ id: 'in', label: 'in', type: 'latent' as const, accepts: ['latent' as const, 'vector' as const] }] };
  const lookup = (t: string) => (t === 'op.latent' ? withInput : getSpec(t));
  const g = presetGraph('sparse-coding')!;
  g.nodes.push({ ...structuredClone(g.nodes.find((n) => n.id === 'z')!), id: 'z2' });
  g.edges.push({ id: 'e-z2-z', from: { node: 'z2', port: 'out' }, to: { node: 'z', port: 'in' } });
  const issue = analyzeForTraining(g, lookup as typeof getSpec).issues.find((i) => /downstream of the latent variable/.test(i.message));
  assert.deepEqual(issue?.nodeIds, ['z', 'z2']);
  assert.ok(!analyzeForTraining(presetGraph('sparse-coding')!, lookup as typeof getSpec).issues.some((i) => /downstream/.test(i.message)));
});
