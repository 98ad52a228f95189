// One training session, as the worker and the CLI both run it: validate,
// choose a backend, load data, train. Everything reaches the caller as events.
import type { BackendName, DoneEvent, TrainEvent } from '../events';
import type { Dataset } from '../spec';
import { parseGraph } from '../graph';
import { quote } from '../quote';
import type { SpecLookup } from '../validate';
import { validateForTraining, type ValidatedGraph } from '../validated-graph';
import { selectBackend, type BackendChoice } from './backend';
import { graphShapeKey } from './backend-choice';
import { loadDatasets, type ReadStored } from './datasets';
import { runTraining, type Control, type RunOptions } from './trainer';

export interface SessionOptions {
  /** Untrusted graph JSON (parsed and validated here). */
  graph: unknown;
  lookup: SpecLookup;
  backend: BackendChoice;
  steps?: number;
  readAsset: (path: string) => Promise<Uint8Array>;
  /** Imported datasets by content hash (the worker reads IndexedDB, the CLI its --data file). */
  readStored?: ReadStored;
  emit: (e: TrainEvent) => void;
  control?: Control;
  evaluate?: RunOptions['evaluate'];
  monitors?: RunOptions['monitors'];
  monitorFloorMs?: RunOptions['monitorFloorMs'];
  embeddingsAtEnd?: boolean;
  weightsAtEnd?: boolean;
  initialWeights?: RunOptions['initialWeights'];
}

/** ms per step of the graph on the current backend: steps 2–4 of a silent run (step 1 builds kernels and shaders). */
async function timeSteps(valid: ValidatedGraph, datasets: Map<string, Dataset>, b: BackendName): Promise<number> {
  const train = { ...valid.graph.meta.train, logEvery: 1, imageEvery: 1_000_000, latentEvery: 1_000_000 };
  const quiet: ValidatedGraph = { ...valid, graph: { ...valid.graph, meta: { ...valid.graph.meta, train } } };
  const at = new Map<number, number>();
  const done = await runTraining({ validated: quiet, datasets, backend: b, steps: 4, emit: (e) => e.type === 'metrics' && at.set(e.step, e.wallMs) });
  if (done.state !== 'done' || !at.has(2) || !at.has(4)) throw new Error(`${b}: ${done.error ?? done.state}`);
  return (at.get(4)! - at.get(2)!) / 2;
}

function failed(emit: (e: TrainEvent) => void, error: string): DoneEvent {
  const done: DoneEvent = { type: 'done', state: 'failed', steps: 0, wallMs: 0, stepsPerSec: 0, final: {}, backend: 'cpu', numTensors: 0, error };
  emit({ type: 'state', state: 'failed' });
  emit(done);
  return done;
}

export async function trainSession(o: SessionOptions): Promise<DoneEvent> {
  const parsed = parseGraph(o.graph);
  if (!parsed.ok) {
    o.emit({ type: 'issues', issues: parsed.problems.map((p) => ({ code: 'invalid-file', severity: 'error', nodeIds: p.nodeIds, ...(p.edgeIds.length ? { edgeIds: p.edgeIds } : {}), message: p.message })) });
    return failed(o.emit, `the graph file is invalid: ${parsed.errors.join('; ')}`);
  }
  const graph = parsed.graph;
  if (parsed.renamed.length) {
    o.emit({ type: 'issues', issues: parsed.renamed.map((r) => ({ code: 'invalid-file', severity: 'warning', nodeIds: r.kind === 'node' ? [r.to] : [], ...(r.kind === 'edge' ? { edgeIds: [r.to] } : {}), message: `${r.kind} id ${quote(r.from)} does not fit the id pattern (letters, digits, _ and -) and was renamed "${r.to}"` })) });
  }
  // the one analysis of the graph in this run: everything below reads the validated graph
  const v = validateForTraining(graph, o.lookup);
  if (!v.ok) {
    o.emit({ type: 'issues', issues: v.issues });
    return failed(o.emit, v.issues.map((i) => i.message).join('; '));
  }
  const valid = v.graph;
  // the data comes first: `auto` may time a few steps of the graph on each backend
  let datasets;
  const t0 = performance.now();
  try {
    datasets = await loadDatasets(valid.datasets, o.readAsset, o.readStored);
  } catch (e) {
    return failed(o.emit, `could not load the dataset: ${(e as Error).message}`);
  }
  const t1 = performance.now();
  let backend;
  try {
    backend = await selectBackend(o.backend, valid.needsConv, { key: graphShapeKey(valid), time: (b) => timeSteps(valid, datasets, b) });
  } catch (e) {
    return failed(o.emit, (e as Error).message);
  }
  const startMs = { data: t1 - t0, backend: performance.now() - t1 };
  o.emit({ type: 'backend', backend: backend.backend, skipped: backend.skipped, why: backend.why, ...(backend.threads ? { threads: backend.threads } : {}), startMs });
  return runTraining({ validated: valid, datasets, backend: backend.backend, steps: o.steps, emit: o.emit, evaluate: o.evaluate, monitors: o.monitors, monitorFloorMs: o.monitorFloorMs, embeddingsAtEnd: o.embeddingsAtEnd, weightsAtEnd: o.weightsAtEnd, initialWeights: o.initialWeights }, o.control);
}
