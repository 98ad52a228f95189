// The training loop: seeded batch -> forward -> per-phase losses -> grads ->
// optimizer -> after-step updates (EMA, queues, running stats). Emits
// TrainEvents; the worker and the CLI only forward them.
import * as tf from '@tensorflow/tfjs';
import type { BackendName, DoneEvent, TrainEvent } from '../events';
import type { TrainSettings } from '../graph';
import { BatchSampler, hashSeed } from '../rng';
import type { Dataset, Tensor } from '../spec';
import type { ValidatedGraph } from '../validated-graph';
import { compile, NodeError } from './compile';
import { evaluatePlan } from './evaluate';
import { emitEmbeddings, emitWeights, loadInitialWeights } from './run-tensors';
import { planWatch, readStep } from './step-read';
import { viewSnapshots } from './views';
import { yieldToEventLoop } from './yield';
import { attentionRows } from './attention-maps';
import { MonitorBudget } from './monitor-budget';
import { evalSubset, type PortRef } from './monitors';
import type { GraphIssue } from '../types';
import { applyLiveParams } from './live-params';
import { StepStats } from './step-stats';
import { fusedOptimizer, type FusedOptimizer } from './optimizer';
import { InitialState } from './initial-views';

/** Steps between divergence reads when logEvery is longer. */
const READ_EVERY = 50;

export interface RunOptions {
  /** From validateForTraining, once per run. */
  validated: ValidatedGraph;
  /** The datasets graph.datasets names, loaded. */
  datasets: Map<string, Dataset>;
  backend: BackendName;
  /** Overrides graph.meta.train.steps. */
  steps?: number;
  emit: (e: TrainEvent) => void;
  /** Samples per image-grid row. */
  gridSize?: number;
  /**
   * Held-out evaluation: every N steps (0 = never; without the probe) and at the
   * end (with it). Defaults to off (no evaluation at all); callers that want the
   * graph's settings pass meta.train.evalEvery / evalAtEnd, as the worker does.
   */
  evaluate?: { every: number; atEnd: boolean };
  /** Latent plot, collapse monitors, node statistics, energy landscape, attention maps (the UI's views). */
  monitors?: { latent: boolean; collapse: boolean; nodeStats: boolean; energy: boolean; attention?: boolean };
  /** Monitor time a run may spend before the views' share of it is enforced (monitor-budget.ts; tests lower it). */
  monitorFloorMs?: number;
  /** Emit the held-out embeddings of the representation when the run ends (an `embeddings` event). */
  embeddingsAtEnd?: boolean;
  /** Emit every weight and state tensor when the run ends (a `weights` event, for the PyTorch export). */
  weightsAtEnd?: boolean;
  /**
   * Start from these tensors (by `<node id>.<name>`, e.g. a PyTorch checkpoint mapped back
   * by engine/export/weights.ts) instead of the seeded initialisation; with 0 steps the run
   * only shows and evaluates them.
   */
  initialWeights?: Record<string, { shape: number[]; data: Float32Array }>;
}

export interface Control {
  paused: boolean;
  stopped: boolean;
  /** Resolves a pending pause. */
  wake?: () => void;
  /** The port shown in the latent plot (null: the representation). Changeable during the run. */
  probe?: PortRef | null;
  projection?: 'pca' | 'umap';
  /** Set to ask for a latent snapshot at the next step (after the probe or projection changed). */
  refreshLatent?: boolean;
  /** Step mode: pause after this many more steps (null or absent: run on). */
  stepsLeft?: number | null;
  /** Step mode: log every step and send its `stepstats` (node outputs, per-tensor gradient norms). */
  stepStats?: boolean;
  /** The same graph with edited params, applied before the next step (engine/runtime/live-params.ts). */
  nextGraph?: ValidatedGraph | null;
}

function makeOptimizer(vars: tf.Variable[], t: TrainSettings): FusedOptimizer {
  return fusedOptimizer(vars, { kind: t.optimizer === 'sgd' ? 'sgd' : 'adam', learningRate: t.learningRate, beta1: t.beta1, beta2: 0.999, epsilon: 1e-8, momentum: 0.9 });
}

/**
 * Trains the graph until its step budget is spent, `control.stopped` is set,
 * or a loss stops being finite. Never throws for a bad graph or a diverging
 * run: those end with issues / a failed done event.
 */
export async function runTraining(opts: RunOptions, control: Control = { paused: false, stopped: false }): Promise<DoneEvent> {
  const { emit } = opts;
  const graph = opts.validated.graph;
  // a copy: live edits (the learning rate) change it during the run
  const settings = { ...graph.meta.train };
  const totalSteps = opts.steps ?? settings.steps;
  const t0 = performance.now();
  /** Warnings so far (explosions, dead networks): re-emitted whole, since the issues event replaces the list shown. */
  const warnings: GraphIssue[] = [];
  const finish = (state: DoneEvent['state'], steps: number, final: Record<string, number>, error?: string): DoneEvent => {
    const wallMs = performance.now() - t0;
    const done: DoneEvent = { type: 'done', state, steps, wallMs, stepsPerSec: steps / Math.max(1e-9, wallMs / 1000), final, backend: opts.backend, numTensors: tf.memory().numTensors, error, ...(warnings.length ? { warnings: warnings.map((w) => w.message) } : {}) };
    emit({ type: 'state', state: state === 'done' ? 'done' : state });
    emit(done);
    return done;
  };

  emit({ type: 'state', state: 'compiling' });
  const c = compile(opts.validated, opts.datasets);
  if (!c.ok) {
    emit({ type: 'issues', issues: c.issues });
    return finish('failed', 0, {}, c.issues.map((i) => i.message).join('; '));
  }
  const plan = c.plan;
  if (opts.initialWeights) {
    const msg = loadInitialWeights(plan, opts.initialWeights, emit);
    if (msg) return finish('failed', 0, {}, msg);
  }
  const optimizers = new Map(plan.phases.map((p) => [p.name, makeOptimizer(p.vars as tf.Variable[], settings)]));
  const ds = plan.dataset;
  const sampler = new BatchSampler(ds.train.count, hashSeed(graph.meta.seed, 'batches'));
  const gridN = Math.min(opts.gridSize ?? 8, ds.test.count);
  const gridIdx = Int32Array.from({ length: gridN }, (_, i) => Math.floor((i * ds.test.count) / gridN));
  const final: Record<string, number> = {};
  const phaseOfTerm = new Map(plan.phases.flatMap((p) => p.losses.map((l) => [l.id, p.name] as const)));
  const watch = planWatch(plan, settings.learningRate);
  /** Every step's phase totals since the last read: checked for divergence in one device read. */
  let pending: Array<[number, string, Tensor]> = [];
  let lastRead = 0;
  let step = 0;
  let completed = 0;
  let outcome: { state: DoneEvent['state']; steps: number; error?: string } | undefined;
  let lastYield = performance.now();
  const monitors = opts.monitors ?? { latent: false, collapse: false, nodeStats: false, energy: false };
  const evaluate = opts.evaluate ?? { every: 0, atEnd: false };
  const stepStats = new StepStats(plan);
  const subset = evalSubset(plan);
  const galleryRows = attentionRows(plan);
  if (monitors.latent) {
    const px = ds.test.pixels;
    const f = ds.sampleShape.reduce((a, b) => a * b, 1);
    const pixels = px ? new Uint8Array(subset.length * f) : null;
    if (px && pixels) subset.forEach((r, i) => pixels.set(px.subarray(r * f, (r + 1) * f), i * f));
    emit({ type: 'evalset', rows: subset, sampleShape: ds.sampleShape, pixels, labels: Uint8Array.from(subset, (r) => ds.test.labels[r]) });
  }
  const budget = new MonitorBudget(undefined, opts.monitorFloorMs);
  const snapshot = viewSnapshots({ plan, monitors, subset, galleryRows, gridIdx, control, emit });
  let initial: InitialState | null = null;
  emit({ type: 'state', state: 'running' });

  try {
    // the UI shows the untrained state too, so the change is visible: after the first step's
    // losses when a step follows (initial-views.ts), else now
    if (monitors.latent && totalSteps > 0) initial = new InitialState(plan);
    else if (monitors.latent && opts.initialWeights) await snapshot(0, true);
    for (step = 1; step <= totalSteps; step++) {
      if (control.paused) {
        emit({ type: 'state', state: 'paused' });
        await new Promise<void>((r) => (control.wake = r));
        // also when stopped: the end-of-run evaluation still runs, and a "Paused" run would offer Step meanwhile
        emit({ type: 'state', state: 'running' });
      }
      if (control.stopped) break;
      if (control.nextGraph) {
        emit(applyLiveParams(plan, settings, optimizers.values(), control.nextGraph, step));
        control.nextGraph = null;
      }
      const measure = !!control.stepStats;

      const log = step % settings.logEvery === 0 || step === 1 || step === totalSteps || measure;
      const batch = { split: 'train' as const, indices: sampler.next(plan.batchSize) };
      const logged: Array<[string, Tensor]> = [];
      const norms: Array<[string, Tensor]> = [];

      plan.updateMirrors('before-step', step, totalSteps);
      let pass = 0;
      for (const phase of plan.phases) for (let rep = 0; rep < phase.repeats; rep++) {
        // only the last update of a repeated phase is logged
        const lastRep = rep === phase.repeats - 1;
        const logThis = log && lastRep;
        const pi = pass++;
        const lossOf = () => {
          const r = plan.forward({ training: true, step, totalSteps, batch, pass: pi });
          if (measure) stepStats.outputs(r.outputs);
          let total: Tensor | null = null;
          for (const l of phase.losses) {
            const term = r.terms.get(l.id)!;
            const w = l.weight === 1 ? term : tf.mul(term, l.weight);
            total = total ? tf.add(total, w) : w;
          }
          if (logThis) {
            for (const [k, t] of r.terms) {
              // other phases' losses are logged by their own pass
              if (phaseOfTerm.get(k.split('/')[0]) === phase.name) logged.push([k, tf.keep(t)]);
            }
          }
          return total as tf.Scalar;
        };
        if (phase.vars.length === 0) {
          // nothing to differentiate (e.g. K-means by EM): the pass still runs for its updates and curves
          const value = tf.tidy(() => tf.keep(lossOf()));
          if (lastRep) pending.push([step, phase.name, value]);
          else value.dispose();
          continue;
        }
        const { value, grads } = tf.variableGrads(lossOf, phase.vars);
        // every step's total is kept for the divergence check (a scalar; read with the next log)
        if (lastRep) pending.push([step, phase.name, value]);
        else value.dispose();
        if (logThis) {
          // Not tf.addN: with more than 7 inputs tfjs-backend-webgpu 4.22 builds a shader over the
          // 8-storage-buffer limit; the pipeline is invalid and the whole command buffer, this step's
          // optimizer update included, is silently dropped (the weights then drift to NaN).
          norms.push([phase.name, tf.tidy(() => tf.sqrt(tf.sum(tf.stack(Object.values(grads).map((g) => tf.sum(tf.square(g)))))))]);
        }
        if (measure && lastRep) stepStats.gradients(phase.name, grads, phase.vars);
        optimizers.get(phase.name)!.apply(grads);
        tf.dispose(Object.values(grads));
      }
      plan.updateMirrors('after-step', step, totalSteps);
      plan.runAfterStep();
      completed = step;
      if (measure) emit(await stepStats.read(step));
      // step mode: the requested steps are done, so the run pauses before the next one and the views catch up
      const stepped = control.stepsLeft != null && --control.stepsLeft <= 0;
      if (stepped) {
        control.stepsLeft = null;
        control.paused = true;
        control.refreshLatent = monitors.latent;
      }

      // read at every log, and at least every READ_EVERY steps so a long logEvery cannot hide a divergence
      if (log || step - lastRead >= READ_EVERY) {
        const checked = pending;
        pending = [];
        lastRead = step;
        const { perStep, losses, normList, badTerms } = await readStep(step, checked, logged, norms, phaseOfTerm);
        let stop: GraphIssue | undefined;
        const fresh: GraphIssue[] = [];
        for (const [s, list] of perStep) {
          const v = watch.step(s, list, s === step ? badTerms : []);
          if ('stop' in v) {
            stop = v.stop;
            break;
          }
          fresh.push(...v.warnings);
        }
        if (!stop && log) {
          const v = watch.gradients(step, normList);
          if ('stop' in v) stop = v.stop;
          else fresh.push(...v.warnings);
        }
        if (fresh.length) {
          warnings.push(...fresh);
          emit({ type: 'issues', issues: [...warnings] });
        }
        if (stop) {
          emit({ type: 'issues', issues: [...warnings, stop] });
          outcome = { state: 'failed', steps: completed, error: stop.message };
          break;
        }
        if (log) {
          Object.assign(final, losses);
          const wallMs = performance.now() - t0;
          const totalsOut = Object.fromEntries(perStep.get(step) ?? []);
          emit({ type: 'metrics', step, losses, totals: totalsOut, gradNorms: Object.fromEntries(normList), learningRate: settings.learningRate, wallMs, stepsPerSec: step / (wallMs / 1000) });
        }
      }
      if (initial) {
        const first = initial;
        initial = null;
        await first.show(() => snapshot(0, true));
      }
      const wantLatent = monitors.latent && (step % settings.latentEvery === 0 || step === totalSteps || !!control.refreshLatent);
      // the views and evaluation get a bounded share of the run (monitor-budget.ts); the last refresh always runs
      const allowed = (final: boolean) => {
        if (final || stepped || budget.allows()) return true;
        if (budget.justCapped) {
          warnings.push(budget.notice());
          emit({ type: 'issues', issues: [...warnings] });
        }
        return false;
      };
      if ((step % settings.imageEvery === 0 || step === totalSteps || wantLatent || stepped) && allowed(step === totalSteps || !!control.refreshLatent)) {
        control.refreshLatent = false;
        await budget.time(() => snapshot(step, wantLatent));
      }
      const every = evaluate.every;
      if (every > 0 && step % every === 0 && step !== totalSteps && !control.stopped && allowed(false)) {
        emit(await budget.time(() => evaluatePlan(plan, { step, probe: false, seed: graph.meta.seed })));
      }
      if (performance.now() - lastYield > 25) {
        // let pause / stop messages in, without paying a timer per step
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    outcome ??= { state: control.stopped ? 'stopped' : 'done', steps: completed };
    if (outcome.state !== 'failed' && evaluate.atEnd) emit(await evaluatePlan(plan, { step: completed, probe: true, seed: graph.meta.seed }));
    if (outcome.state !== 'failed' && opts.embeddingsAtEnd) await emitEmbeddings(plan, completed, emit);
    if (outcome.state !== 'failed' && opts.weightsAtEnd) await emitWeights(plan, completed, emit);
  } catch (e) {
    tf.dispose(pending.map(([, , t]) => t));
    pending = [];
    stepStats.clear();
    plan.clearAfterStep();
    const err = e as Error;
    if (err instanceof NodeError) {
      emit({ type: 'issues', issues: [{ code: 'runtime', severity: 'error', nodeIds: [err.nodeId], message: err.message }] });
    }
    outcome = { state: 'failed', steps: completed, error: err.message };
  } finally {
    initial?.dispose();
    tf.dispose(pending.map(([, , t]) => t));
    for (const o of optimizers.values()) o.dispose();
    plan.dispose();
  }
  // emitted after cleanup, so numTensors shows what the run left behind (0 when nothing leaks)
  return finish(outcome.state, outcome.steps, final, outcome.error);
}
