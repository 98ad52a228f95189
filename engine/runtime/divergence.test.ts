import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DivergenceWatch, type PhaseInfo } from './divergence';

const phases: PhaseInfo[] = [{ name: 'main', lossIds: ['recon', 'kl'], labels: ['Reconstruction loss', 'KL divergence'], trainedIds: ['encoder', 'decoder'], trainable: true }];

test('a non-finite total stops the run, naming the step and the loss nodes (the term when it was logged)', () => {
  const w = new DivergenceWatch(phases, 10);
  assert.deepEqual(w.step(1, [['main', 1.5]]), { warnings: [] });
  const v = w.step(7, [['main', NaN]]);
  assert.ok('stop' in v);
  assert.equal(v.stop.code, 'diverged');
  assert.deepEqual(v.stop.nodeIds, ['recon', 'kl']);
  assert.match(v.stop.message, /^the loss became NaN at step 7 in Reconstruction loss \(recon\), KL divergence \(kl\): the run diverged and was stopped\. Lower the learning rate \(now 10\)/);
  const named = new DivergenceWatch(phases, 10).step(9, [['main', Infinity]], ['kl/kl']);
  assert.ok('stop' in named && named.stop.nodeIds.join() === 'kl' && /at step 9 in KL divergence \(kl\)/.test(named.stop.message));
  const g = new DivergenceWatch(phases, 10).gradients(3, [['main', NaN]]);
  assert.ok('stop' in g && g.stop.nodeIds.join() === 'encoder,decoder');
});

test('an explosion relative to the run\'s own history warns once, without stopping (PCA at lr 10, sparse coding at batch 32)', () => {
  const w = new DivergenceWatch(phases, 10);
  // the sparse-coding spike: ~1 per sample for 9 steps, then 1.97e7 at step 10, then back
  const totals = [1.29, 1.27, 1.16, 1.07, 0.94, 0.93, 0.93, 0.88, 0.95, 1.97e7, 0.84, 3e7];
  const warnings = totals.flatMap((v, i) => {
    const r = w.step(i + 1, [['main', v]]);
    assert.ok(!('stop' in r));
    return r.warnings;
  });
  assert.equal(warnings.length, 1, 'warned once');
  assert.equal(warnings[0].code, 'exploding');
  assert.equal(warnings[0].severity, 'warning');
  assert.match(warnings[0].message, /jumped to 1\.97e\+7 at step 10, 2\d,\d{3},\d{3}× its median so far/);
  // PCA at lr 10 explodes at its second step: one step of history is enough to judge
  const p = new DivergenceWatch(phases, 10);
  p.step(1, [['main', 0.127]]);
  assert.equal((p.step(2, [['main', 1.9e10]]) as { warnings: unknown[] }).warnings.length, 1);
  // ordinary noise (a GAN's losses swing a few times) never warns
  const gan = new DivergenceWatch(phases, 1e-3);
  for (let s = 1; s < 200; s++) assert.deepEqual(gan.step(s, [['main', 1 + 5 * Math.abs(Math.sin(s))]]), { warnings: [] });
});

test('a dead network (zero gradient norm on 3 logged steps in a row) warns once, naming the trained nodes', () => {
  const w = new DivergenceWatch(phases, 10);
  assert.deepEqual(w.gradients(1, [['main', 1.8]]), { warnings: [] });
  assert.deepEqual(w.gradients(5, [['main', 0]]), { warnings: [] });
  assert.deepEqual(w.gradients(10, [['main', 0]]), { warnings: [] });
  const v = w.gradients(15, [['main', 0]]);
  assert.ok(!('stop' in v));
  assert.equal(v.warnings[0].code, 'dead-network');
  assert.deepEqual(v.warnings[0].nodeIds, ['encoder', 'decoder']);
  assert.deepEqual(w.gradients(20, [['main', 0]]), { warnings: [] }, 'once');
  // a phase without weights (K-means by EM) has no gradients to judge
  const em = new DivergenceWatch([{ ...phases[0], trainable: false }], 1);
  for (let s = 0; s < 5; s++) assert.deepEqual(em.gradients(s, [['main', 0]]), { warnings: [] });
});
