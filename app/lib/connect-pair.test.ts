import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Graph } from '../../engine/graph';
import { presetGraph } from '../../engine/presets';
import { analyzeGraph } from './analysis';
import { pairWire } from './connect-pair';

test('two selected nodes: the left one feeds the right one through the first pair the rules accept', () => {
  const g = structuredClone(presetGraph('ae') as Graph);
  // take the encoder → decoder wire out, then connect the two by key
  g.edges = g.edges.filter((e) => !(e.from.node === 'encoder' && e.to.node === 'decoder'));
  const w = pairWire(g, analyzeGraph(g), ['decoder', 'encoder']);
  assert.deepEqual(w, { from: { node: 'encoder', port: 'out' }, to: { node: 'decoder', port: 'in' } });
});

test('a pair that cannot be wired says why; one or three nodes ask for two', () => {
  const g = presetGraph('ae') as Graph;
  const a = analyzeGraph(g);
  // the data node (left) has images and labels; the decoder takes a latent code
  const w = pairWire(g, a, ['decoder', 'data']);
  assert.ok('problem' in w && /cannot feed/.test(w.problem), JSON.stringify(w));
  const one = pairWire(g, a, ['data']);
  assert.ok('problem' in one && /exactly two/.test(one.problem));
});
