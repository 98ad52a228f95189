import assert from 'node:assert/strict';
import { test } from 'node:test';
import { presetGraph } from '../../../engine/presets';
import { applySettings, batchSizeOf, checkSettings, comparisonDefaults, comparisonItems, queueItem, RunQueue, type QueueItem, type QueueOutcome } from './queue';

test('comparison items: SimCLR, BYOL, VICReg with the same steps, batch, seed and evaluation', () => {
  const s = { steps: 3, batchSize: 8, seed: 7, evalEvery: 0, evalAtEnd: true };
  const items = comparisonItems(s);
  assert.deepEqual(
    items.map((i) => [i.preset, i.name, i.stepBudget]),
    [
      ['simclr', 'SimCLR', 3],
      ['byol', 'BYOL', 3],
      ['vicreg', 'VICReg', 3],
    ],
  );
  for (const i of items) {
    assert.equal(i.graph.meta.seed, 7);
    assert.equal(i.graph.meta.train.steps, 3);
    assert.equal(i.graph.meta.train.evalAtEnd, true);
    assert.equal(batchSizeOf(i.graph), 8);
  }
  // the presets themselves are untouched
  assert.equal(batchSizeOf(presetGraph('simclr')!), 256);
  const d = comparisonDefaults();
  assert.equal(d.batchSize, 256);
  assert.equal(d.steps, 300);
  assert.deepEqual(checkSettings(d), []);
  assert.equal(checkSettings({ ...d, steps: 0, batchSize: 1 }).length, 2);
  // an evaluation interval at or past the budget means "only at the end"
  assert.equal(applySettings(presetGraph('simclr')!, { ...s, evalEvery: 5 }).meta.train.evalEvery, 0);
});

function fakeRunner(outcomes: Record<string, QueueOutcome['status']>) {
  const started: string[] = [];
  let release: (() => void) | null = null;
  let stopped = 0;
  const runner = {
    run(item: QueueItem): Promise<QueueOutcome> {
      started.push(item.name);
      return new Promise((resolve) => {
        release = () => resolve({ runId: `run-${item.name}`, status: stopped ? 'stopped' : outcomes[item.name] ?? 'finished', error: null });
      });
    },
    stop() {
      stopped++;
      release?.();
    },
  };
  const next = async () => {
    await new Promise((r) => setTimeout(r, 0));
    const r = release;
    release = null;
    r?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { runner, started, next };
}

test('the queue runs items one at a time in order and reports them when it empties', async () => {
  const { runner, started, next } = fakeRunner({ BYOL: 'failed' });
  let drained: QueueItem[] | null = null;
  const q = new RunQueue(runner, (ran) => (drained = ran));
  q.add(comparisonItems({ steps: 3, batchSize: 8, seed: 1, evalEvery: 0, evalAtEnd: false }));
  assert.equal(q.getSnapshot().running, true);
  assert.deepEqual(started, ['SimCLR']);
  assert.deepEqual(
    q.getSnapshot().items.map((i) => i.status),
    ['running', 'queued', 'queued'],
  );
  q.progress(q.getSnapshot().items[0].key, 2);
  assert.equal(q.getSnapshot().items[0].step, 2);
  await next();
  assert.deepEqual(started, ['SimCLR', 'BYOL']);
  q.add([queueItem(presetGraph('ae')!)]); // added while running: runs after the rest
  await next();
  await next();
  await next();
  assert.deepEqual(started, ['SimCLR', 'BYOL', 'VICReg', 'Autoencoder']);
  assert.deepEqual(
    q.getSnapshot().items.map((i) => i.status),
    ['finished', 'failed', 'finished', 'finished'],
  );
  assert.equal(q.getSnapshot().running, false);
  assert.deepEqual(
    drained!.map((i: QueueItem) => i.runId),
    ['run-SimCLR', 'run-BYOL', 'run-VICReg', 'run-Autoencoder'],
  );
});

test('cancel stops the run in flight and drops the rest', async () => {
  const { runner, started } = fakeRunner({});
  let cancelledFlag = false;
  const q = new RunQueue(runner, (_ran, c) => (cancelledFlag = c));
  q.add(comparisonItems({ steps: 3, batchSize: 8, seed: 1, evalEvery: 0, evalAtEnd: false }));
  q.cancel();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(started, ['SimCLR']);
  assert.deepEqual(
    q.getSnapshot().items.map((i) => i.status),
    ['stopped', 'cancelled', 'cancelled'],
  );
  assert.equal(cancelledFlag, true);
  q.clearDone();
  assert.deepEqual(q.getSnapshot().items, []);
});
