import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyGraph, parseGraph, type Graph } from '../../../engine/graph';
import { presetGraph } from '../../../engine/presets';
import { getSpec } from '../../../nodes/registry';
import { analyzeGraph } from '../analysis';
import { instantiateFragment, parseFragment } from '../fragment';
import { blockFile, blockFromSelection, parseBlockFile } from './block';
import { BUILTIN_BLOCKS } from './builtin';

test('the built-in blocks are valid fragments that insert cleanly into an empty graph', () => {
  assert.deepEqual(BUILTIN_BLOCKS.map((b) => b.name), ['SSL projector head', 'Predictor head', 'Momentum-target branch', 'VAE bottleneck']);
  for (const b of BUILTIN_BLOCKS) {
    assert.ok(parseFragment(b.fragment).ok, b.name);
    const r = instantiateFragment(emptyGraph(), b.fragment, { x: 0, y: 0 });
    const g: Graph = { ...emptyGraph(), nodes: r.nodes, edges: r.edges };
    assert.ok(parseGraph(JSON.parse(JSON.stringify(g))).ok, b.name);
    // no wire inside a block is a type error
    assert.deepEqual(analyzeGraph(g).issues.filter((i) => i.edgeIds?.length), [], b.name);
  }
  // a block's nodes start like the palette's (a projector from a block gets the current init)
  for (const n of BUILTIN_BLOCKS.flatMap((b) => b.fragment.nodes)) assert.equal(n.typeVersion, getSpec(n.type)!.version, n.type);
  const branch = instantiateFragment(emptyGraph(), BUILTIN_BLOCKS[2].fragment, { x: 0, y: 0 });
  assert.deepEqual(branch.nodes[2].params.follows, ['encoder-1', 'projector-1']);
});

test('save from a selection, export, import: the same nodes and wires come back', () => {
  const g = presetGraph('vae') as Graph;
  const b = blockFromSelection(g, ['encoder', 'sampler', 'kl'], '  My bottleneck ', 'mine');
  assert.ok(!('problem' in b));
  assert.equal(b.name, 'My bottleneck');
  assert.equal(b.fragment.edges.length, 2);
  const back = parseBlockFile(JSON.stringify(blockFile(b)));
  assert.ok(back.ok);
  assert.equal(back.block.name, 'My bottleneck');
  assert.deepEqual(back.block.fragment, b.fragment);
  assert.ok('problem' in blockFromSelection(g, [], 'x', ''));
  assert.ok('problem' in blockFromSelection(g, ['encoder'], '   ', ''));
});

test('a file that is not a block is refused with a reason', () => {
  for (const [text, why] of [
    ['nope', /not JSON/],
    ['{"version":1,"nodes":[],"edges":[]}', /not a Latent Studio block file/],
    [JSON.stringify({ kind: 'latent-studio/block', version: 1, name: '', fragment: {} }), /damaged/],
  ] as const) {
    const r = parseBlockFile(text);
    assert.ok(!r.ok);
    assert.match(r.reason, why);
  }
});
