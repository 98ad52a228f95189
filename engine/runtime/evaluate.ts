// Evaluation of a trained (or untrained) plan on the held-out split: kNN and
// a 10-labels-per-class linear probe on the frozen representation, collapse
// figures, and the held-out loss (the −ELBO for a VAE).
import * as tf from '@tensorflow/tfjs';
import type { EvalEvent } from '../events';
import type { PortRef } from '../graph';
import { collapseFigure, effectiveRank, rankSampleNote } from '../metrics/collapse';
import { knnAccuracy } from '../metrics/knn';
import { linearProbe } from '../metrics/linear-probe';
import { hasRole, rolePort, type BatchRequest, type Dataset, type NodeRole, type Tensor } from '../spec';
import type { Plan } from './compile';
import { readTokens, type TokenReadout } from '../ops/token-readout';
import { gridOf } from './attention-maps';

export interface EvalOptions {
  step: number;
  /** Skip the probe (the slowest part) for frequent in-run evaluations. */
  probe?: boolean;
  seed?: number;
}

/** The first node of the plan (topological order) with a role, by the port the role refers to. */
export function portWithRole(plan: Plan, role: NodeRole): PortRef | null {
  const n = plan.nodes.find((x) => hasRole(x.spec, role));
  return n ? { node: n.id, port: rolePort(n.spec) } : null;
}

/**
 * The port whose output is the representation: the first node declaring the
 * 'representation' role (an encoder's code, μ for a Gaussian one), else the
 * first 'latent-code' (a latent variable, a VAE's sample).
 */
export function representationPort(plan: Plan): PortRef | null {
  return portWithRole(plan, 'representation') ?? portWithRole(plan, 'latent-code');
}

/** Where the SSL loss looks: the 'projection' output (a projector head), where collapse is measured (docs/evaluation.md); else the representation. */
export function embeddingPort(plan: Plan): PortRef | null {
  return portWithRole(plan, 'projection') ?? representationPort(plan);
}

/**
 * One port's output on clean inputs as features [N, D], the same for evaluation
 * and the views: a Gaussian code [N, 2, d] gives its μ, tokens [N, T, D] the
 * readout their node asks for (engine/ops/token-readout.ts). Call inside a tidy.
 */
export function embedFeatures(plan: Plan, ref: PortRef, batch: BatchRequest): Tensor {
  let y = plan.embed(ref.node, ref.port, batch);
  const type = plan.nodes.find((n) => n.id === ref.node)?.outputTypes[ref.port];
  if (type?.type === 'tokens') {
    const node = plan.nodes.find((n) => n.id === ref.node)!;
    const own = (node.params as { readout?: TokenReadout }).readout ?? 'mean';
    // the encoder of masked tokens has lost the grid on its wire; evaluation feeds it every patch
    y = readTokens(tf, y, own, type.grid ?? gridOf(plan, node) ?? undefined); // [N, T, D] -> [N, D']
  }
  else if (type?.type === 'distribution') y = y.slice([0, 0, 0], [-1, 1, -1]); // μ, the first of (μ, log σ²)
  return tf.reshape(y, [batch.indices.length, -1]);
}

const CHUNK = 500;

/** Embeds a whole split through one port, in chunks. Returns [N, D] (caller disposes). */
export function embedSplit(plan: Plan, ref: PortRef, split: 'train' | 'test'): Tensor {
  const count = plan.dataset[split].count;
  const parts: Tensor[] = [];
  for (let s = 0; s < count; s += CHUNK) {
    const indices = Int32Array.from({ length: Math.min(CHUNK, count - s) }, (_, i) => s + i);
    parts.push(tf.tidy(() => embedFeatures(plan, ref, { split, indices })));
  }
  const out = tf.concat(parts, 0);
  tf.dispose(parts);
  return out;
}

/** Raw data as features: the baseline every representation should beat. */
export function rawSplit(ds: Dataset, split: 'train' | 'test'): Tensor {
  const s = ds[split];
  const f = ds.sampleShape.reduce((a, b) => a * b, 1);
  return s.pixels ? tf.tidy(() => tf.div(tf.tensor2d(s.pixels!, [s.count, f], 'int32'), 255)) : tf.tensor2d(s.values!, [s.count, f]);
}

export const NO_LABELS = 'this dataset has no labels, so kNN and the linear probe cannot be scored; collapse, effective rank and the held-out loss still show how training went';

/** 10 labels per class, or the most every class of the training split can give. */
export function probePerClass(ds: Dataset): number {
  const counts = new Array<number>(ds.classes).fill(0);
  for (const l of ds.train.labels) counts[l]++;
  return Math.max(1, Math.min(10, ...counts.filter((c) => c > 0)));
}

export async function evaluateFeatures(train: Tensor, test: Tensor, ds: Dataset, opts: { probe: boolean; seed: number }) {
  const shape = { collapse: await collapseFigure(tf, test), effectiveRank: await effectiveRank(tf, test), effectiveRankNote: rankSampleNote(test.shape[0], test.shape[1] as number) };
  if (ds.labelled === false) return { knn: null, probe: null, probeDraws: null, ...shape, noLabels: NO_LABELS };
  const perClass = probePerClass(ds);
  const knn = await knnAccuracy(tf, train, ds.train.labels, test, ds.test.labels, 20, ds.classes);
  const probe = opts.probe ? await linearProbe(tf, train, ds.train.labels, test, ds.test.labels, { seed: opts.seed, classes: ds.classes, perClass }) : null;
  return { knn, probe: probe?.mean ?? null, probeDraws: probe?.accuracies ?? null, ...shape, ...(probe ? { probePerClass: perClass } : {}) };
}

/** Held-out value of every loss term, averaged over the test split (eval mode). */
async function heldOutLosses(plan: Plan): Promise<Record<string, number>> {
  const count = plan.dataset.test.count;
  const sums: Record<string, number> = {};
  let batches = 0;
  for (let s = 0; s < count; s += CHUNK) {
    const indices = Int32Array.from({ length: Math.min(CHUNK, count - s) }, (_, i) => s + i);
    const { keys, t } = tf.tidy(() => {
      const r = plan.forward({ training: false, step: 0, totalSteps: 1, batch: { split: 'test', indices }, pass: 0 });
      const entries = [...r.terms.entries()];
      return { keys: entries.map(([k]) => k), t: tf.stack(entries.map(([, v]) => tf.reshape(v, []))) };
    });
    const v = await t.data();
    t.dispose();
    keys.forEach((k, i) => (sums[k] = (sums[k] ?? 0) + v[i] * indices.length));
    batches += indices.length;
  }
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / batches]));
}

export async function evaluatePlan(plan: Plan, opts: EvalOptions): Promise<EvalEvent> {
  const rep = representationPort(plan);
  const emb = embeddingPort(plan);
  const ds = plan.dataset;
  const heldOut = await heldOutLosses(plan);
  const heldOutTotal = plan.phases.length === 1 ? plan.phases[0].losses.reduce((s, l) => s + l.weight * (heldOut[l.id] ?? 0), 0) : null;
  const ev: EvalEvent = { type: 'eval', step: opts.step, representation: rep ? `${rep.node}.${rep.port}` : null, knn: null, probe: null, probeDraws: null, collapse: null, effectiveRank: null, embedding: null, embeddingCollapse: null, heldOut, heldOutTotal };
  if (!rep) return ev;
  const train = embedSplit(plan, rep, 'train');
  const test = embedSplit(plan, rep, 'test');
  try {
    const f = await evaluateFeatures(train, test, ds, { probe: opts.probe ?? true, seed: opts.seed ?? 0 });
    Object.assign(ev, f);
  } finally {
    tf.dispose([train, test]);
  }
  if (emb && (emb.node !== rep.node || emb.port !== rep.port)) {
    const e = embedSplit(plan, emb, 'test');
    ev.embedding = `${emb.node}.${emb.port}`;
    ev.embeddingCollapse = await collapseFigure(tf, e);
    e.dispose();
  } else {
    ev.embedding = ev.representation;
    ev.embeddingCollapse = ev.collapse;
  }
  return ev;
}
