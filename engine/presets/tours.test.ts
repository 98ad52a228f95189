// Every lecture preset ships a tour of 4–8 steps whose highlights exist in its
// graph, and whose "try this" changes apply and leave a graph that still trains.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSpec } from '../../nodes/registry';
import { parseGraph } from '../graph';
import { applyTourChanges } from '../teach-apply';
import { analyzeForTraining } from '../validate';
import { presetGraph } from './index';

const LECTURES = ['pca', 'kmeans', 'gmm', 'sparse-coding', 'ae', 'dae', 'cae', 'vae', 'gan', 'simclr', 'moco', 'byol', 'simsiam', 'vicreg', 'barlow-twins', 'swav', 'dino', 'lv-ebm', 'target-prop'];

for (const name of LECTURES) {
  test(`${name}: a tour of 4–8 steps on its own nodes and wires, ending in tries that apply`, () => {
    const g = presetGraph(name)!;
    const tour = g.meta.tour;
    assert.ok(tour, 'has a tour');
    assert.ok(tour.steps.length >= 4 && tour.steps.length <= 8, `${tour.steps.length} steps`);
    assert.ok(tour.tries.length >= 1 && tour.tries.length <= 2);
    const nodes = new Set(g.nodes.map((n) => n.id));
    const edges = new Set(g.edges.map((e) => e.id));
    for (const s of tour.steps) {
      assert.ok(s.nodes.length > 0, `step "${s.title}" highlights a node`);
      for (const id of s.nodes) assert.ok(nodes.has(id), `step "${s.title}": node ${id}`);
      for (const id of s.edges) assert.ok(edges.has(id), `step "${s.title}": wire ${id}`);
    }
    for (const t of tour.tries) {
      const r = applyTourChanges(g, t.changes);
      assert.ok(r.ok, `${t.label}: ${r.ok ? '' : r.error}`);
      assert.notDeepEqual(r.graph, g, `${t.label} changes the graph`);
      assert.deepEqual(analyzeForTraining(r.graph, getSpec).issues.filter((i) => i.severity === 'error'), [], `${t.label} still trains`);
      // the changed graph is still a valid graph file
      assert.ok(parseGraph(JSON.parse(JSON.stringify(r.graph))).ok);
    }
  });
}

test('removing the stop-gradient wires the projector straight into the loss', () => {
  const g = presetGraph('simsiam')!;
  const r = applyTourChanges(g, [{ op: 'bypass', node: 'sg' }]);
  assert.ok(r.ok);
  assert.ok(!r.graph.nodes.some((n) => n.id === 'sg'));
  assert.deepEqual(r.graph.edges.find((e) => e.to.node === 'simsiam' && e.to.port === 'z')?.from, { node: 'projector', port: 'out' });
  assert.equal(r.graph.edges.length, g.edges.length - 1);
});

test('a change on a missing or locked node is refused with the reason', () => {
  const g = presetGraph('vicreg')!;
  const missing = applyTourChanges(g, [{ op: 'setParam', node: 'nope', param: 'std', value: 0 }]);
  assert.ok(!missing.ok && /no node "nope"/.test(missing.error));
  const locked = applyTourChanges({ ...g, meta: { ...g.meta, locks: ['vicreg'] } }, [{ op: 'setParam', node: 'vicreg', param: 'std', value: 0 }]);
  assert.ok(!locked.ok && /locked/.test(locked.error));
  const twoInputs = applyTourChanges(presetGraph('byol')!, [{ op: 'bypass', node: 'byol' }]);
  assert.ok(!twoInputs.ok && /exactly one input/.test(twoInputs.error));
});
