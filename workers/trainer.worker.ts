// The training worker: a thin Comlink facade over engine/runtime/session.
// Backends are registered by importing them; the session picks one.
import '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { prepareWasmThreads, requestWasmThreads, wasmThreadsFixed } from './wasm-threads';
import * as Comlink from 'comlink';
import { buildBundle, zipFolder } from '../engine/export/bundle';
import { slug } from '../engine/export/slug';
import { loadDatasets } from '../engine/runtime/datasets';
import type { ImportedSet } from '../engine/data/imported';
import { loadStoredDataset } from '../engine/data/store';
import { validateForTraining } from '../engine/validated-graph';
import { trainSession } from '../engine/runtime/session';
import { selectBackend } from '../engine/runtime/backend';
import { runTraining, type Control } from '../engine/runtime/trainer';
import { torchPart } from '../nodes/torch';
import { getSpec } from '../nodes/registry';
import { parseGraph, type Graph } from '../engine/graph';
import { GPU_LOST, type TrainerApi, type TrainEvent } from './protocol';

// how e2e/faults.spec.ts tells this worker from the import worker
(self as unknown as { __trainerWorker: boolean }).__trainerWorker = true;

// scripts/build-mnist.mjs copies the wasm binaries to public/tfjs/
setWasmPaths('/tfjs/');
// On a cross-origin isolated page tfjs loads its threaded SIMD binary, one thread per core
// (workers/wasm-threads.ts); elsewhere (no SharedArrayBuffer) its single-threaded one.
const threadsReady = prepareWasmThreads('/tfjs/tfjs-backend-wasm-threaded-simd.js');
/** The wasm backend starts once per worker; its thread count is fixed from then on. */
let wasmStarted = false;
/** The warm-up in flight (warm()): a run waits for it rather than start a backend beside it. */
let warming: Promise<void> = Promise.resolve();
/** Warm-ups asked for so far: only the latest one that is still waiting runs. */
let warmAsked = 0;
/** The warm-up's silent step, stopped when a run starts. */
let warmStep: Control | null = null;
/** The warm-up step's batch: the same code paths as the real step, at a fraction of its time. */
const WARM_BATCH = 16;

function smallBatch(g: Graph): Graph {
  return { ...g, nodes: g.nodes.map((n) => (typeof n.params.batchSize === 'number' && n.params.batchSize > WARM_BATCH ? { ...n, params: { ...n.params, batchSize: WARM_BATCH } } : n)) };
}

function noteBackend(b: string): void {
  if (b !== 'wasm' || wasmStarted) return;
  wasmStarted = true;
  wasmThreadsFixed();
}

let control: Control | null = null;
let probe: Control['probe'] = null;
let projection: Control['projection'] = 'pca';

/** The typed arrays of an event move to the UI thread instead of being copied. */
function transferables(e: TrainEvent): Transferable[] {
  const out: Transferable[] = [];
  const add = (a: ArrayBufferView | null | undefined) => {
    if (a && !out.includes(a.buffer as ArrayBuffer)) out.push(a.buffer as ArrayBuffer);
  };
  switch (e.type) {
    case 'images':
      e.rows.forEach((r) => add(r.pixels));
      break;
    case 'latent':
      add(e.points);
      add(e.labels);
      break;
    case 'evalset':
      add(e.pixels);
      add(e.labels);
      break;
    case 'collapse':
      add(e.perDimStd);
      break;
    case 'attention':
      add(e.maps);
      add(e.pixels);
      add(e.labels);
      break;
    case 'embeddings':
      add(e.data);
      add(e.labels);
      break;
    case 'weights':
      Object.values(e.tensors).forEach((t) => add(t.data));
      break;
    case 'energy':
      add(e.energy);
      add(e.points);
      add(e.labels);
      break;
  }
  return out;
}

async function readAsset(path: string): Promise<Uint8Array> {
  const res = await fetch(`/${path}`);
  if (!res.ok) throw new Error(`GET /${path}: ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Imported datasets live in IndexedDB (written by the import worker); a graph may name one this device lacks. */
async function readStored(id: string, name: string): Promise<ImportedSet> {
  const set = await loadStoredDataset(id);
  if (!set) throw new Error(`"${name}" is not on this device: import its file in the Data panel`);
  return set;
}

/** The GPU devices whose loss is watched (one per webgpu backend). */
const watched = new WeakSet<object>();
/** Why this worker's GPU device was lost, once it was. */
let lostReason: string | null = null;

/**
 * A run cut by a lost device fails on whatever read was pending (mapAsync on an unmapped
 * buffer); the message says what happened instead, whichever of the two arrives first.
 */
function explainLoss(e: TrainEvent): TrainEvent {
  if (e.type !== 'done' || e.state !== 'failed' || e.backend !== 'webgpu') return e;
  if (lostReason === null && !/mapAsync|GPUBuffer|GPUDevice|device (is |was )?(lost|destroyed)/i.test(e.error ?? '')) return e;
  return { ...e, error: `the GPU device was lost (${lostReason ?? e.error}): the run stopped here; Train again runs on the next backend (WebGL, then wasm or cpu)` };
}

/**
 * A lost GPU device never answers again: reads of its buffers can hang for ever.
 * The page hears of it outside Comlink, ends this worker and fails the run with
 * the reason; the next run starts a fresh worker that skips WebGPU.
 */
function watchDevice(): void {
  const device = (tf.backend() as unknown as { device?: { destroy(): void; lost: Promise<{ message: string; reason?: string }> } }).device;
  if (!device || watched.has(device)) return;
  watched.add(device);
  // fault injection for the e2e test (e2e/faults.spec.ts): what a driver reset does
  (self as unknown as { __loseGpuDevice?: () => void }).__loseGpuDevice = () => device.destroy();
  void device.lost.then((info) => {
    lostReason = info.message || info.reason || 'no reason given';
    self.postMessage({ type: GPU_LOST, message: lostReason });
  });
}

const api: TrainerApi = {
  async hold(name) {
    const locks = (self.navigator as Navigator | undefined)?.locks;
    if (!locks) return;
    await new Promise<void>((held) => {
      void locks.request(name, () => {
        held();
        return new Promise<void>(() => undefined); // released only when the worker dies
      });
    });
  },
  async train(graph, options, onEvent) {
    control?.wake?.();
    if (control) control.stopped = true;
    const stepping = options.pauseAfter && options.pauseAfter > 0 ? { stepsLeft: options.pauseAfter, stepStats: true } : {};
    const mine: Control = { paused: false, stopped: false, probe, projection, ...stepping };
    control = mine;
    await threadsReady;
    if (warmStep) warmStep.stopped = true;
    await warming;
    if (options.wasmThreads && !wasmStarted) requestWasmThreads(options.wasmThreads);
    try {
      const settings = (graph as Graph).meta?.train;
      await trainSession({
        graph,
        lookup: getSpec,
        backend: options.backend,
        steps: options.steps,
        readAsset,
        readStored,
        emit: (e) => {
          if (e.type === 'backend' && e.backend === 'webgpu') watchDevice();
          if (e.type === 'backend') noteBackend(e.backend);
          const out = explainLoss(e);
          onEvent(Comlink.transfer(out, transferables(out)));
        },
        control: mine,
        evaluate: { every: settings?.evalEvery ?? 0, atEnd: settings?.evalAtEnd ?? true },
        monitors: { latent: true, collapse: true, nodeStats: true, energy: true, attention: true },
        embeddingsAtEnd: true,
        weightsAtEnd: true,
        initialWeights: options.initialWeights,
      });
    } catch (e) {
      // trainSession reports its own failures; this catches bugs, so the UI still hears the run ended
      onEvent({ type: 'done', state: 'failed', steps: 0, wallMs: 0, stepsPerSec: 0, final: {}, backend: 'cpu', numTensors: 0, error: `internal error: ${(e as Error).message}` });
    } finally {
      if (control === mine) control = null;
    }
  },
  warm(graph, backend) {
    // one warm-up at a time; one asked for meanwhile replaces any still waiting (a preset opened)
    const mine = ++warmAsked;
    if (warmStep) warmStep.stopped = true;
    warming = warming.then(async () => {
      if (mine !== warmAsked) return;
      await threadsReady;
      // a run holds the backend (a live edit changes the graph's key mid-run): nothing to warm
      if (control) return;
      const parsed = parseGraph(graph);
      const v = parsed.ok ? validateForTraining(parsed.graph, getSpec) : null;
      // the datasets land in loadDatasets' cache, the backend stays initialised: Train finds both ready
      const datasets = v?.ok ? await loadDatasets(v.graph.datasets, readAsset, readStored).catch(() => null) : null;
      const chosen = await selectBackend(backend, v?.ok ? v.graph.needsConv : false).catch(() => null);
      if (!chosen) return;
      noteBackend(chosen.backend);
      // one silent step of the graph on wasm, at a small batch: the JavaScript and wasm code its
      // step runs is compiled now rather than during the first step the user waits for (seeded:
      // no later run changes). Not on the GPU backends: a software adapter may take seconds.
      const small = parsed.ok && datasets && chosen.backend === 'wasm' && !control ? validateForTraining(smallBatch(parsed.graph), getSpec) : null;
      if (!small?.ok || !datasets) return;
      warmStep = { paused: false, stopped: false };
      await runTraining({ validated: small.graph, datasets, backend: 'wasm', steps: 1, emit: () => undefined }, warmStep);
      warmStep = null;
    })
      // a warm-up that fails leaves Train to meet (and report) the same problem
      .catch(() => undefined);
    return warming;
  },
  pause() {
    if (control) control.paused = true;
  },
  resume() {
    if (!control) return;
    control.stepsLeft = null;
    control.stepStats = false;
    control.paused = false;
    control.wake?.();
    control.wake = undefined;
  },
  step(n) {
    if (!control) return;
    control.stepsLeft = Math.max(1, Math.floor(n));
    control.stepStats = true;
    control.paused = false;
    control.wake?.();
    control.wake = undefined;
  },
  setGraph(graph) {
    if (!control) return;
    const parsed = parseGraph(graph);
    // a graph that does not validate cannot train; the canvas already says why
    const v = parsed.ok ? validateForTraining(parsed.graph, getSpec) : null;
    if (v?.ok) control.nextGraph = v.graph;
  },
  setProbe(p) {
    probe = p;
    if (control) {
      control.probe = p;
      control.refreshLatent = true;
    }
  },
  setProjection(m) {
    projection = m;
    if (control) {
      control.projection = m;
      control.refreshLatent = true;
    }
  },
  async exportTorch(graph, weights) {
    const g = graph as Graph;
    const v = validateForTraining(g, getSpec);
    if (!v.ok) return { ok: false, issues: v.issues };
    const datasets = await loadDatasets(v.graph.datasets, readAsset, readStored);
    const data = [...datasets.values()][0];
    if (!data) return { ok: false, issues: [{ code: 'no-dataset', severity: 'error', nodeIds: [], message: 'add a dataset node: the export needs data' }] };
    try {
      const b = buildBundle(g, getSpec, torchPart, data, weights ?? undefined);
      if (!b.ok) return b;
      const zip = zipFolder(b.files, slug(g.meta.name));
      return Comlink.transfer({ ok: true as const, zip }, [zip.buffer as ArrayBuffer]);
    } catch (e) {
      return { ok: false, issues: [{ code: 'runtime', severity: 'error', nodeIds: [], message: (e as Error).message }] };
    }
  },
  stop() {
    if (!control) return;
    control.stopped = true;
    control.paused = false;
    control.wake?.();
  },
};

Comlink.expose(api);
