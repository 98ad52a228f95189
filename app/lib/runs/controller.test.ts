// The Runs feature end to end without a browser: a fake studio trains by
// feeding events through the controller's tap, the database is in memory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Graph } from '../../../engine/graph';
import { presetGraph } from '../../../engine/presets';
import type { BackendChoice, TrainEvent } from '../../../workers/protocol';
import { MAX_COMPARE, RunsController, type RunsHost } from './controller';
import { rankRuns } from './rank';
import { memoryRunDB, type RunDB } from './db';
import { RunHistory } from './history';
import { comparisonDefaults } from './queue';
import type { RunRecord } from './record';
import { exportRuns } from './runs-file';
import { RunRecorder } from './recorder';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** Waits until `ok()` holds (the controller's work is asynchronous: saves, the queue, refreshes). */
async function until(ok: () => boolean, what: string, ms = 2000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await tick(2);
  }
}

const metrics = (step: number): TrainEvent => ({ type: 'metrics', step, losses: { l: 1 / step }, totals: { main: 1 / step }, gradNorms: {}, learningRate: 1e-3, wallMs: step * 10, stepsPerSec: 100 });
const done = (steps: number, state: 'done' | 'stopped' | 'failed' = 'done'): TrainEvent => ({ type: 'done', state, steps, wallMs: steps * 10, stepsPerSec: 100, final: { l: 1 / steps }, backend: 'cpu', numTensors: 0 });

interface Studio {
  host: RunsHost;
  notices: { message: string; tone?: string; action?: { label: string; run(): void } }[];
  opened: { graph: Graph; name: string }[];
  trained: { graph: Graph; backend: BackendChoice }[];
  /** Lets the test hold a run open: the next runGraph waits for release(). */
  hold: { release: () => void } | null;
}

/** A studio whose "Train" feeds a few events through the controller's tap. */
function studio(getController: () => RunsController, steps = 3): Studio {
  const s: Studio = { notices: [], opened: [], trained: [], hold: null, host: null as unknown as RunsHost };
  s.host = {
    async runGraph(graph, backend) {
      s.trained.push({ graph, backend });
      const obs = getController().tap(graph, { backend, steps })!;
      for (let i = 1; i <= steps; i++) obs.event(metrics(i));
      if (s.hold) await new Promise<void>((r) => (s.hold!.release = r));
      obs.event(done(steps));
      obs.end(null);
    },
    stop: () => undefined,
    backend: () => 'cpu',
    current: () => ({ graph: presetGraph('ae')!, canQueue: true }),
    notify: (message, tone, action) => void s.notices.push({ message, tone, action }),
    openGraph: (graph, name) => void s.opened.push({ graph, name }),
  };
  return s;
}

function setup(db: RunDB = memoryRunDB(), steps = 3) {
  let ids = 0;
  const box: { c?: RunsController } = {};
  const s = studio(() => box.c!, steps);
  const c = (box.c = new RunsController(s.host, { openDB: () => db, liveRunIds: async () => new Set(), holdRunLock: () => () => undefined, newRunId: () => `run-${++ids}`, now: () => 1000 + ids, clock: () => 0, refreshDelayMs: 1, saveEveryMs: 5 }));
  return { c, s, db };
}

test('every run the studio trains is recorded and listed, with its progress while it trains', async () => {
  const { c, s } = setup();
  await c.start();
  s.hold = { release: () => undefined };
  const training = s.host.runGraph(presetGraph('ae')!, 'cpu');
  await until(() => c.getSnapshot().liveSteps['run-1'] === 1, 'live progress');
  s.hold.release();
  await training;
  await until(() => c.getSnapshot().listing?.runs[0]?.status === 'finished', 'the finished run in the listing');
  const run = c.getSnapshot().listing!.runs[0];
  assert.equal(run.name, 'Autoencoder');
  assert.equal(run.stepsDone, 3);
  assert.deepEqual(c.getSnapshot().liveSteps, {});
  c.dispose();
});

test('a run a closed tab left "running" comes back interrupted, with a notice', async () => {
  const db = memoryRunDB();
  const rec = new RunRecorder({ id: 'old', name: 'cut off', graph: presetGraph('ae')!, backendChoice: 'auto', stepBudget: 10, startedAt: 1 });
  rec.handle(metrics(1));
  await new RunHistory(db).save(rec.record);
  const { c, s } = setup(db);
  await c.start();
  await c.refresh();
  assert.equal(c.getSnapshot().listing!.runs[0].status, 'interrupted');
  assert.match(s.notices[0].message, /A run cut off when the page closed was kept as interrupted/);
});

test('the three-preset comparison trains one after another, then opens the comparison of all three', async () => {
  const { c, s } = setup();
  await c.start();
  const settings = { ...comparisonDefaults(), steps: 3 };
  c.startComparison(settings, 'wasm', false);
  await until(() => c.getSnapshot().compare !== null, 'the compare view');
  assert.deepEqual(
    s.trained.map((t) => [t.graph.meta.name, t.backend]),
    [
      ['SimCLR', 'wasm'],
      ['BYOL', 'wasm'],
      ['VICReg', 'wasm'],
    ],
  );
  const snap = c.getSnapshot();
  assert.deepEqual(
    snap.compare!.map((r) => [r.name, r.preset, r.tags, r.status]),
    [
      ['SimCLR', 'simclr', ['comparison'], 'finished'],
      ['BYOL', 'byol', ['comparison'], 'finished'],
      ['VICReg', 'vicreg', ['comparison'], 'finished'],
    ],
  );
  assert.deepEqual(snap.selected, ['run-1', 'run-2', 'run-3']);
  assert.deepEqual(snap.lastRan, ['run-1', 'run-2', 'run-3']);
  assert.equal(snap.lastSettings.steps, 3);
  assert.deepEqual(
    snap.queue.items.map((i) => i.status),
    ['finished', 'finished', 'finished'],
  );
  c.closeCompare();
  assert.equal(c.getSnapshot().compare, null);
});

test('a queued run waits for the run the user started; cancelling while it waits starts nothing', async () => {
  const { c, s } = setup();
  await c.start();
  s.hold = { release: () => undefined };
  const own = s.host.runGraph(presetGraph('ae')!, 'cpu');
  c.queueCurrent();
  await tick(5);
  assert.equal(s.trained.length, 1, 'the queued run has not started');
  assert.equal(c.getSnapshot().queue.items[0].status, 'running');
  c.queue.cancel();
  s.hold.release();
  s.hold = null;
  await own;
  await until(() => !c.getSnapshot().queue.running, 'the queue to stop');
  assert.equal(s.trained.length, 1);
  assert.equal(c.getSnapshot().queue.items[0].status, 'stopped');
  assert.equal(c.getSnapshot().compare, null);
});

test('rename and tags reach a run while it trains; delete has an Undo', async () => {
  const { c, s } = setup();
  await c.start();
  s.hold = { release: () => undefined };
  const training = s.host.runGraph(presetGraph('ae')!, 'cpu');
  await until(() => c.getSnapshot().liveSteps['run-1'] !== undefined, 'the run to start');
  await c.rename('run-1', 'Renamed mid-run');
  await c.setTags('run-1', ['keep']);
  s.hold.release();
  await training;
  await until(() => c.getSnapshot().listing?.runs[0]?.status === 'finished', 'the end of the run');
  const r = await c.history.load('run-1');
  assert.ok(r.ok);
  assert.equal(r.record.name, 'Renamed mid-run', 'the last write of the live record kept the new name');
  assert.deepEqual(r.record.tags, ['keep']);

  c.toggle('run-1');
  await c.remove('run-1');
  assert.deepEqual(c.getSnapshot().selected, []);
  assert.equal(c.getSnapshot().listing!.runs.length, 0);
  const undo = s.notices.find((n) => n.message === 'Deleted “Renamed mid-run”')!.action!;
  assert.equal(undo.label, 'Undo');
  undo.run();
  await until(() => c.getSnapshot().listing?.runs.length === 1, 'the restored run');
});

test('selection holds at most MAX_COMPARE; fewer than two runs do not open a comparison', async () => {
  const { c, s } = setup();
  const many = Array.from({ length: MAX_COMPARE + 3 }, (_, i) => `r${i}`);
  for (const id of many) c.toggle(id);
  assert.deepEqual(c.getSnapshot().selected, many.slice(0, MAX_COMPARE));
  c.toggle('r1');
  assert.equal(c.getSnapshot().selected.length, MAX_COMPARE - 1);
  c.selectAll(many);
  assert.deepEqual(c.getSnapshot().selected, many.slice(0, MAX_COMPARE));
  c.clearSelection();
  await c.openCompare(['missing']);
  assert.equal(c.getSnapshot().compare, null);
  assert.match(s.notices.at(-1)!.message, /could not be opened/);
});

test('import takes a runs file, reports what it refused, and export writes the runs back', async () => {
  const { c, s } = setup();
  await c.start();
  const rec = new RunRecorder({ id: 'x', name: 'Shared run', graph: presetGraph('ae')!, backendChoice: 'auto', stepBudget: 1, startedAt: 5 });
  rec.handle(metrics(1));
  rec.handle(done(1));
  const file = (name: string, text: string) => ({ name, size: text.length, text: async () => text });
  await c.importFile(file('runs.json', exportRuns([rec.record])));
  assert.equal(c.getSnapshot().listing!.runs[0].name, 'Shared run');
  assert.match(s.notices.at(-1)!.message, /Imported 1 run from runs.json/);
  // the same file again adds nothing; a different run under the same id is offered as Keep both
  await c.importFile(file('runs.json', exportRuns([rec.record])));
  assert.equal(s.notices.at(-1)!.message, 'Imported 0 runs from runs.json (1 run already stored, not added again)');
  await c.importFile(file('edited.json', exportRuns([{ ...rec.record, name: 'Edited elsewhere' }])));
  const offer = s.notices.at(-1)!;
  assert.match(offer.message, /1 run has the id of a stored run but different content and was not imported/);
  offer.action!.run();
  await until(() => c.getSnapshot().listing?.runs.length === 2, 'the kept copy');
  assert.equal(s.notices.at(-1)!.message, 'Kept both: added 1 run as copies');

  await c.importFile(file('graph.json', JSON.stringify({ nodes: [], edges: [] })));
  assert.deepEqual(c.getSnapshot().importErrors, { file: 'graph.json', errors: ['this is a graph file, not a runs file: open it with Import JSON in the top bar'] });
  c.dismissImportErrors();
  assert.equal(c.getSnapshot().importErrors, null);

  const id = c.getSnapshot().listing!.runs.find((r) => r.name === 'Shared run')!.id;
  const out = await c.exportFile([id]);
  assert.equal(out!.filename, 'shared-run.run.json');
  assert.equal((JSON.parse(out!.text) as { runs: RunRecord[] }).runs[0].name, 'Shared run');
  assert.equal(await c.exportFile(['nope']), null);

  await c.openGraph(id);
  assert.equal(s.opened[0].name, 'Shared run');
});

test('storage that fails falls back to memory and says so', async () => {
  const broken: RunDB = {
    put: async () => Promise.reject(new Error('quota')),
    get: async () => Promise.reject(new Error('no IndexedDB')),
    delete: async () => undefined,
    summaries: async () => Promise.reject(new Error('no IndexedDB')),
    ids: async () => Promise.reject(new Error('no IndexedDB')),
  };
  const { c } = setup(broken);
  await c.start();
  await c.refresh();
  assert.match(c.getSnapshot().storageNote!, /Browser storage is unavailable \(no IndexedDB\), so runs are kept only until this tab closes/);
  assert.deepEqual(c.getSnapshot().listing!.runs, []);
});

test("a class's 30 runs files import at once, refusals are named per file, and the list ranks them by probe, kNN and final loss", async () => {
  const { c, s } = setup();
  await c.start();
  const file = (name: string, text: string) => ({ name, size: text.length, text: async () => text });
  const files = Array.from({ length: 30 }, (_, i) => {
    const rec = new RunRecorder({ id: `student-${i}`, name: `Student ${i}`, graph: presetGraph('simsiam')!, backendChoice: 'wasm', stepBudget: 2, startedAt: 100 + i });
    rec.handle({ type: 'metrics', step: 1, losses: { l: 1 }, totals: { main: 1 }, gradNorms: {}, learningRate: 1e-3, wallMs: 10, stepsPerSec: 100 });
    // final losses and accuracies chosen so the three rankings differ
    rec.handle({ type: 'metrics', step: 2, losses: { l: (i % 7) / 10 }, totals: { main: (i % 7) / 10 }, gradNorms: {}, learningRate: 1e-3, wallMs: 20, stepsPerSec: 100 });
    if (i !== 29) rec.handle({ type: 'eval', step: 2, representation: 'encoder.out', knn: ((i * 7) % 30) / 30, probe: i / 30, probeDraws: [i / 30], collapse: 0.5, effectiveRank: 10, embedding: 'projector.out', embeddingCollapse: 0.5, heldOut: {}, heldOutTotal: null });
    rec.handle(done(2));
    return file(`student-${i}.run.json`, exportRuns([rec.record]));
  });
  await c.importFiles([...files, file('notes.txt', 'not json')]);
  const runs = c.getSnapshot().listing!.runs;
  assert.equal(runs.length, 30);
  assert.equal(s.notices.at(-1)!.message, 'Imported 30 runs from 31 files');
  assert.equal(c.getSnapshot().importErrors!.file, '31 files');
  assert.match(c.getSnapshot().importErrors!.errors[0], /^notes\.txt: /);

  const byProbe = rankRuns(runs, 'probe').map((r) => r.name);
  assert.deepEqual(byProbe.slice(0, 3), ['Student 28', 'Student 27', 'Student 26']);
  assert.equal(byProbe.at(-1), 'Student 29', 'a run without an evaluation ranks last');
  const byKnn = rankRuns(runs, 'knn');
  for (let k = 1; k < 29; k++) assert.ok(byKnn[k - 1].knn! >= byKnn[k].knn!);
  const byLoss = rankRuns(runs, 'loss');
  assert.equal(byLoss[0].finalLoss, 0);
  for (let k = 1; k < 30; k++) assert.ok(byLoss[k - 1].finalLoss! <= byLoss[k].finalLoss!);
  assert.deepEqual(rankRuns(runs, 'recent')[0].name, 'Student 29');
  c.setRanking('knn');
  assert.equal(c.getSnapshot().ranking, 'knn');
});

test('storage full while recording: training goes on, the user is told once, the copy already saved stays readable', async () => {
  const inner = memoryRunDB();
  let puts = 0;
  let room = 1;
  // the first write (the run exists, "running") fits; every later one hits the quota, as IndexedDB
  // reports it: the put's transaction aborts, so the stored copy is left as it was
  const full: RunDB = { ...inner, put: (r) => (++puts, room-- > 0 ? inner.put(structuredClone(r)) : Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))) };
  const { c, s } = setup(full, 40);
  await c.start();
  // the run's 40 steps, then the first write lands; its end is recorded after that
  s.hold = { release: () => undefined };
  const training = s.host.runGraph(presetGraph('ae')!, 'cpu');
  await until(() => puts === 1, 'the first write');
  s.hold.release();
  s.hold = null;
  await training;
  await until(() => c.getSnapshot().storageNote !== null, 'the storage note');
  await until(() => c.getSnapshot().liveSteps['run-1'] === undefined, 'the run to end');
  assert.ok(puts >= 2, `later writes were tried (${puts})`);
  const told = s.notices.filter((n) => /Browser storage is full/.test(n.message));
  assert.equal(told.length, 1, 'one toast per run');
  assert.equal(told[0].tone, 'error');
  assert.match(c.getSnapshot().storageNote!, /"Autoencoder" is no longer being saved \(training goes on; the copy saved at step \d+ is kept\)/);
  const kept = await new RunHistory(full).load('run-1');
  assert.ok(kept.ok, 'the stored copy still loads');
  assert.equal(kept.ok && kept.record.status, 'running');
  // the next run (space freed) saves normally
  room = Infinity;
  await s.host.runGraph(presetGraph('ae')!, 'cpu');
  await until(() => c.getSnapshot().listing?.runs.some((r) => r.id === 'run-2' && r.status === 'finished') ?? false, 'the next run saved');
  c.dispose();
});
