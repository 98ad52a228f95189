import assert from 'node:assert/strict';
import { test } from 'node:test';
import { presetGraph } from '../../engine/presets';
import { analyze } from '../../engine/validate';
import { getSpec } from '../../nodes/registry';
import { explainWire, wireProblem } from './connection-rules';

const g = presetGraph('ae')!;
const a = analyze(g, getSpec);

test('a type mismatch is explained with the inferred type', () => {
  assert.equal(wireProblem(g, a, { node: 'data', port: 'image' }, { node: 'decoder', port: 'in' }), 'Decoder · latent expects latent or vector, got image [B, 28, 28, 1]');
  assert.equal(wireProblem(g, a, { node: 'encoder', port: 'out' }, { node: 'decoder', port: 'in' }), null);
});

test('cycles and self-loops are refused', () => {
  assert.match(wireProblem(g, a, { node: 'decoder', port: 'out' }, { node: 'encoder', port: 'in' }) ?? '', /cycle/);
  assert.match(wireProblem(g, a, { node: 'decoder', port: 'out' }, { node: 'decoder', port: 'in' }) ?? '', /itself/);
});

test('dragging from an input works, and two outputs are explained', () => {
  const fromInput = explainWire(g, a, { nodeId: 'decoder', id: 'in', type: 'target' }, { nodeId: 'data', id: 'image', type: 'source' });
  assert.equal(fromInput, 'Decoder · latent expects latent or vector, got image [B, 28, 28, 1]');
  assert.match(explainWire(g, a, { nodeId: 'data', id: 'image', type: 'source' }, { nodeId: 'encoder', id: 'out', type: 'source' }) ?? '', /output .* to an input/);
});
