import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Graph } from '../../engine/graph';
import { presetGraph } from '../../engine/presets';
import { analyzeGraph } from './analysis';
import { compatibleItems, nodeItems, searchItems } from './quick-add';

test('fuzzy search finds node types by a misspelt or partial name', () => {
  const items = nodeItems();
  assert.equal(searchItems(items, 'projctor')[0].key, 'net.projector');
  assert.equal(searchItems(items, 'momentum')[0].key, 'net.momentum-encoder');
  assert.equal(searchItems(items, 'vicreg')[0].key, 'loss.vicreg');
  assert.equal(searchItems(items, '').length, items.length);
  assert.equal(searchItems(items, 'zzzzqqq').length, 0);
});

test('a wire dropped from a port offers only node types that can take it, with the port it plugs into', () => {
  const g = presetGraph('ae') as Graph;
  const a = analyzeGraph(g);
  // an encoder's latent output: a decoder or a projector takes it, MNIST (no inputs) and an augmentation (images only) do not
  const fromLatent = compatibleItems(g, a, { node: 'encoder', port: 'out', kind: 'source' });
  const keys = fromLatent.map((i) => i.key);
  assert.ok(keys.includes('net.decoder'));
  assert.ok(keys.includes('net.projector'));
  assert.ok(!keys.includes('data.mnist'));
  assert.ok(!keys.includes('augment.gaussian-noise'));
  assert.equal(fromLatent.find((i) => i.key === 'net.decoder')!.port, 'in');
  // an input looking backwards: what can feed the encoder's image input
  const intoEncoder = compatibleItems(g, a, { node: 'encoder', port: 'in', kind: 'target' }).map((i) => i.key);
  assert.ok(intoEncoder.includes('data.mnist'));
  assert.ok(!intoEncoder.includes('loss.reconstruction'));
});
