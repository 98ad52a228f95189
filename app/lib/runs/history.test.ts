import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { presetGraph } from '../../../engine/presets';
import { memoryRunDB } from './db';
import { RunHistory } from './history';
import { LiveRunSaver } from './live-saver';
import { RunRecorder } from './recorder';

function run(id: string, startedAt: number, name = id) {
  const rec = new RunRecorder({ id, name, graph: presetGraph('ae')!, backendChoice: 'auto', stepBudget: 10, startedAt }, () => startedAt + 1);
  rec.handle({ type: 'metrics', step: 1, losses: { recon: 1 }, totals: { main: 1 }, gradNorms: {}, learningRate: 1e-3, wallMs: 5, stepsPerSec: 200 });
  return rec;
}

test('list is newest first and reads summaries; rename and tags go through to the record', async () => {
  const db = memoryRunDB();
  const h = new RunHistory(db);
  await h.save(run('a', 100).record);
  await h.save(run('b', 300).record);
  await h.save(run('c', 200).record);
  const { runs, unreadable } = await h.list();
  assert.deepEqual(
    runs.map((r) => r.id),
    ['b', 'c', 'a'],
  );
  assert.deepEqual(unreadable, []);
  const s = await h.rename('a', '  First try  ');
  assert.equal(s.name, 'First try');
  assert.equal((await h.rename('a', '   ')).name, 'Autoencoder'); // empty falls back to the graph's name
  await h.setTags('a', ['ssl', ' ssl ', 'baseline', '']);
  const a = await h.load('a');
  assert.ok(a.ok);
  assert.deepEqual(a.record.tags, ['ssl', 'baseline']);
  assert.deepEqual((await h.list()).runs.find((r) => r.id === 'a')!.tags, ['ssl', 'baseline']);
});

test('delete returns the record and Undo restores it exactly', async () => {
  const h = new RunHistory(memoryRunDB());
  const rec = run('a', 1).record;
  await h.save(rec);
  const removed = await h.remove('a');
  assert.deepEqual((await h.list()).runs, []);
  assert.ok(removed);
  await h.restore(removed);
  const back = await h.load('a');
  assert.ok(back.ok);
  assert.deepEqual(back.record, rec);
});

test('a run left "running" by a closed tab becomes "interrupted" with its metrics; a live one is left alone', async () => {
  const db = memoryRunDB();
  const h = new RunHistory(db);
  // a tab was training two runs' worth of state when it closed: saved mid-run
  for (const [id, t] of [
    ['closed', 10],
    ['live', 20],
  ] as const) {
    const saver = new LiveRunSaver(run(id, t), (r) => h.save(r), { intervalMs: 1000, now: () => t + 500 });
    await saver.flush();
  }
  const recovered = await h.recoverInterrupted((id) => id === 'live');
  assert.deepEqual(recovered, ['closed']);
  const closed = await h.load('closed');
  assert.ok(closed.ok);
  assert.equal(closed.record.status, 'interrupted');
  assert.equal(closed.record.endedAt, 510); // its last save
  assert.deepEqual(closed.record.metrics.step, [1]);
  const live = await h.load('live');
  assert.ok(live.ok && live.record.status === 'running');
});

test('old and broken records: v1 is migrated and written back, a broken one is listed as unreadable and kept', async () => {
  const db = memoryRunDB();
  const h = new RunHistory(db);
  const v1 = JSON.parse(readFileSync(new URL('./fixtures/run-v1.json', import.meta.url), 'utf8'));
  db.raw.set(v1.id, v1); // written by the old app: no summary
  db.raw.set('junk', { version: 2, id: 'junk' });
  const { runs, unreadable } = await h.list();
  assert.deepEqual(
    runs.map((r) => [r.id, r.status, r.probe]),
    [['r-2025-old', 'finished', 0.611]],
  );
  assert.equal(unreadable.length, 1);
  assert.equal(unreadable[0].id, 'junk');
  assert.ok(db.raw.has('junk'), 'an unreadable record is never overwritten or dropped');
  assert.equal((db.raw.get('r-2025-old') as { version: number }).version, 2, 'migrated copy written back');
  assert.ok(db.rawSummaries.has('r-2025-old'));
});

test('import is idempotent by run id; a different run under a stored id is offered as keep-both', async () => {
  const h = new RunHistory(memoryRunDB(), () => 5000);
  const rec = run('a', 1).record;
  const other = run('c', 2).record;
  // the same file imported twice: the second import adds nothing (finding: 26 runs from 13)
  const first = await h.importRecords([rec, other]);
  assert.deepEqual(first.added.map((r) => r.id), ['a', 'c']);
  const again = await h.importRecords([rec, other]);
  assert.equal(again.added.length, 0);
  assert.deepEqual(again.unchanged.map((r) => r.id), ['a', 'c']);
  assert.equal((await h.list()).runs.length, 2);

  // same id, different content: nothing written until the user asks to keep both
  const changed = { ...rec, name: 'renamed elsewhere' };
  const clash = await h.importRecords([changed, { ...rec, id: 'b' }]);
  assert.deepEqual(clash.conflicts.map((r) => r.name), ['renamed elsewhere']);
  assert.deepEqual(clash.added.map((r) => r.id), ['b']);
  assert.equal(clash.added[0].status, 'interrupted', 'a run exported mid-run arrives interrupted');
  const both = await h.importRecords(clash.conflicts, { keepBoth: true });
  assert.equal(both.added.length, 1);
  assert.notEqual(both.added[0].id, 'a');
  assert.equal((await h.list()).runs.length, 4);
  const stored = await h.load('a');
  assert.ok(stored.ok && stored.record.name !== 'renamed elsewhere', 'the stored run is never overwritten');
});
