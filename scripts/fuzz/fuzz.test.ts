// The graph fuzz suite that stays in `npm test`: 2,500 seeded cases (the
// crafted findings first) must raise no exception, each finish within the
// budget, leave no tensor behind, and report only issues a person can act on.
// More cases, other seeds: `npm run fuzz -- --cases 10000 --seed 7`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { runCase, runFuzz } from './check';
import { craftedCases, fuzzCase } from './mutations';

test('fuzz: 2,500 mutated and crafted graph files, no exception, within budget, no leak, actionable issues', async () => {
  await tf.setBackend('cpu');
  const s = await runFuzz((i) => fuzzCase(1, i), 2500, { compile: true, budgetMs: 3000 });
  assert.deepEqual(s.failures.slice(0, 5), [], `${s.failures.length} cases broke an invariant`);
  assert.equal(s.exceptions, 0);
  assert.equal(s.tensorDelta, 0);
  // the mix exercises every path: refused files, refused graphs, accepted (compiled) graphs
  assert.ok(s.outcomes['invalid-file'] > 100 && s.outcomes.issues > 100 && s.outcomes.accepted > 50, JSON.stringify(s.outcomes));
});

test('fuzz: the checker itself catches what it must (a message without node ids, an unbounded message)', async () => {
  // a crafted case the validator answers with a graph-level code passes ...
  const empty = craftedCases().find((c) => c.kind === 'crafted/empty-file')!;
  assert.deepEqual((await runCase(empty, { compile: false, budgetMs: 3000 })).failures, []);
  // ... and a budget of 0 ms is reported, so a slow case cannot pass unnoticed
  const diamonds = craftedCases().find((c) => c.kind === 'crafted/diamonds-26')!;
  const r = await runCase(diamonds, { compile: false, budgetMs: 0 });
  assert.match(r.failures.join(), /budget 0 ms/);
});
