// Graph files written to hurt: exponential path counts, prototype ids, huge or
// invisible text, duplicate ids, out-of-range settings. Each case is a finding
// that once froze the page or produced a wrong message; see also fuzz.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSpec } from '../nodes/registry';
import { parseGraph, type Graph } from './graph';
import { PRESETS, presetGraph } from './presets';
import { analyze, analyzeForTraining } from './validate';

const node = (id: string, type: string) => ({ id, type, typeVersion: 1, params: {}, position: { x: 0, y: 0 } });
const edge = (id: string, from: string, fp: string, to: string, tp: string) => ({ id, from: { node: from, port: fp }, to: { node: to, port: tp } });

/** A two-node cycle feeding k chained discriminators, each output feeding both inputs of the next: 2^k paths. */
function diamonds(k: number): Graph {
  const nodes = [];
  const edges = [];
  for (let i = 1; i <= k; i++) nodes.push(node(`d${i}`, 'net.discriminator'));
  nodes.push(node('a', 'augment.gaussian-noise'), node('b', 'augment.gaussian-noise'));
  edges.push(edge('ab', 'a', 'out', 'b', 'in'), edge('ba', 'b', 'out', 'a', 'in'));
  edges.push(edge('b-d1r', 'b', 'out', 'd1', 'real'), edge('b-d1f', 'b', 'out', 'd1', 'fake'));
  for (let i = 1; i < k; i++) {
    edges.push(edge(`d${i}r`, `d${i}`, 'realLogits', `d${i + 1}`, 'real'), edge(`d${i}f`, `d${i}`, 'realLogits', `d${i + 1}`, 'fake'));
  }
  const r = parseGraph({ version: 1, nodes, edges });
  assert.ok(r.ok);
  return r.graph;
}

test('finding 1: a cycle ahead of 26 chained diamonds is found in milliseconds (linear, not 2^k paths)', () => {
  const g = diamonds(26);
  assert.equal(g.nodes.length, 28);
  analyze(presetGraph('ae')!, getSpec); // warm up the node specs
  const t0 = performance.now();
  const a = analyzeForTraining(g, getSpec);
  const ms = performance.now() - t0;
  const cycle = a.issues.find((i) => i.code === 'cycle');
  assert.ok(cycle, 'the cycle is reported');
  assert.deepEqual([...cycle.nodeIds].sort(), ['a', 'b']);
  // tens of milliseconds idle; the bound leaves room for a loaded machine (2^26 paths took 29 s)
  assert.ok(ms < 1500, `validation took ${ms.toFixed(0)} ms`);
  // 400 diamonds (the schema allows 500 nodes) would be 2^400 paths: finishing at all shows the pass is linear
  const t1 = performance.now();
  analyze(diamonds(400), getSpec);
  assert.ok(performance.now() - t1 < 3000);
});

test('finding 3: ids follow a documented pattern; prototype names, "/", ":" and "." are refused or renamed', () => {
  for (const bad of ['__proto__', 'constructor', 'a/b', 'total:main', 'norm:main', 'enc.out', 'with space']) {
    const g = presetGraph('ae')!;
    const raw = JSON.parse(JSON.stringify(g).replaceAll('"recon"', JSON.stringify(bad)));
    const r = parseGraph(raw);
    assert.ok(r.ok, bad);
    const rename = r.renamed.find((x) => x.from === bad);
    assert.ok(rename, `${bad} is renamed`);
    assert.match(rename.to, /^[A-Za-z0-9_][A-Za-z0-9_-]*$/);
    assert.ok(r.graph.nodes.some((n) => n.id === rename.to));
    assert.ok(r.graph.edges.some((e) => e.to.node === rename.to), 'edges follow the rename');
    assert.deepEqual(analyzeForTraining(r.graph, getSpec).issues, [], 'the renamed graph is valid');
  }
  // an id that cannot be renamed into shape (not a string) is refused with its place named
  const g = presetGraph('ae')! as unknown as { nodes: Array<{ id: unknown }> };
  g.nodes[3].id = 42;
  const r = parseGraph(g);
  assert.ok(!r.ok);
  assert.match(r.errors[0], /^node #4 id: /);
});

test('finding 5: duplicate node ids give one clear issue, no false cycle; duplicate edge ids are reported', () => {
  const g = presetGraph('ae')!;
  g.nodes.push({ ...g.nodes[1], position: { x: 5, y: 5 } });
  const issues = analyzeForTraining(g, getSpec).issues;
  assert.deepEqual(issues.map((i) => i.code), ['duplicate-id']);
  assert.deepEqual(issues[0].nodeIds, ['encoder']);
  assert.match(issues[0].message, /2 nodes share the id "encoder"/);

  const h = presetGraph('ae')!;
  h.edges.push({ ...h.edges[0], id: h.edges[1].id });
  const dup = analyzeForTraining(h, getSpec).issues.filter((i) => i.code === 'duplicate-id');
  assert.equal(dup.length, 1);
  assert.deepEqual(dup[0].edgeIds, [h.edges[1].id]);
  assert.deepEqual(dup[0].nodeIds, ['data', 'encoder']);
});

test('finding 6: quoted input is truncated and sanitised; a BOM is accepted; schema errors name node ids', () => {
  const g = presetGraph('ae')!;
  g.nodes[1].type = 'x'.repeat(1_000_000);
  g.nodes[2].type = 'bad\u0000\u001b[31m\ud800type';
  const issues = analyze(g, getSpec).issues;
  const huge = issues.find((i) => i.nodeIds[0] === 'encoder')!;
  assert.ok(huge.message.length < 200, `${huge.message.length} characters`);
  assert.match(huge.message, /…" \(1,000,000 characters\)/);
  const ctl = issues.find((i) => i.nodeIds[0] === 'decoder')!;
  assert.equal(ctl.message, 'unknown node type "bad\\u0000\\u001b[31m\ufffdtype"');

  const text = `\ufeff${JSON.stringify(presetGraph('ae'))}`;
  assert.ok(parseGraph(text).ok, 'a file starting with a byte-order mark loads');

  const raw = JSON.parse(JSON.stringify(presetGraph('ae')));
  raw.nodes[2].params = 'nope';
  raw.nodes[2].colour = 'red';
  const r = parseGraph(raw);
  assert.ok(!r.ok);
  assert.ok(r.errors.every((e) => e.startsWith('node "decoder"')), r.errors.join(' | '));
  assert.ok(r.errors.every((e) => !/nodes\.2/.test(e)));
  assert.deepEqual(r.problems.map((p) => p.nodeIds), [['decoder'], ['decoder']]);

  const junk = parseGraph(`{"version":1,"nodes":[],"edges":[],"meta":{${'"k\u0007":1,'.repeat(3)}"\u0001${'z'.repeat(500)}":2}}`);
  assert.ok(!junk.ok);
  assert.ok(junk.errors[0].length < 300 && !/[\u0000-\u001f]/.test(junk.errors[0]), junk.errors[0]);
});

test('finding 8: an out-of-range learning rate is refused in words, naming the field and the value', () => {
  const raw = JSON.parse(JSON.stringify(presetGraph('ae')));
  raw.meta.train.learningRate = 1e6;
  const r = parseGraph(raw);
  assert.ok(!r.ok);
  assert.deepEqual(r.errors, ['run settings: the learning rate (meta.train.learningRate) must be at most 10 (got 1000000)']);
  for (const text of ['', '   \n']) {
    const e = parseGraph(text);
    assert.ok(!e.ok);
    assert.match(e.errors[0], /the file is empty/);
  }
});

test('finding 2: the inspector warns (without blocking Train) when a chosen size makes a step slow', () => {
  const warnings = (g: Graph) => analyzeForTraining(g, getSpec).issues.filter((i) => i.code === 'slow');
  for (const p of PRESETS) assert.deepEqual(warnings(presetGraph(p.name)!), [], `${p.name} is not flagged`);
  const sc = presetGraph('sparse-coding')!;
  sc.nodes.find((n) => n.id === 'z')!.params.steps = 500;
  const w = warnings(sc);
  assert.deepEqual(w.map((i) => [i.nodeIds[0], i.severity]), [['z', 'warning']]);
  assert.match(w[0].message, /multiply-adds per training step \(batch 128\)/);
  const wide = presetGraph('barlow-twins')!;
  wide.nodes.find((n) => n.id === 'projector')!.params.hidden = [8192, 8192, 8192];
  const ww = warnings(wide);
  assert.deepEqual(ww.map((i) => i.nodeIds[0]), ['projector']);
  assert.match(ww[0].message, /^Projector: 1\d\d\.\d million weights/);
});
