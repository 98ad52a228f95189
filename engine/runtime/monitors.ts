// What the training views draw, computed in the worker from a fixed held-out
// subset: the 2-D latent projection, collapse monitors, per-node output
// statistics and the energy landscape of 2-D toy data (image rows: image-rows.ts).
// Every event carries typed arrays so the worker can transfer rather than copy them.
import * as tf from '@tensorflow/tfjs';
import type { CollapseEvent, EnergyEvent, LatentEvent, NodeStatsEvent, PortStats } from '../events';
import { alignmentUniformity } from '../metrics/alignment';
import { collapseFigure, effectiveRank, rankSampleNote } from '../metrics/collapse';
import { pca2d } from '../metrics/pca';
import type { Tensor } from '../spec';
import { featureSize, isPlottable } from '../types';
import type { Plan } from './compile';
import { embedFeatures, embeddingPort } from './evaluate';

import type { PortRef } from '../graph';

export type { PortRef };

/** Held-out rows shown in the latent plot (the same rows at every snapshot). */
export function evalSubset(plan: Plan, size = 1000): Int32Array {
  const n = Math.min(size, plan.dataset.test.count);
  return Int32Array.from({ length: n }, (_, i) => Math.floor((i * plan.dataset.test.count) / n));
}

/** Ports whose output can be plotted as a latent space: vectors per sample. */
export function plottable(plan: Plan, ref: PortRef | null): PortRef | null {
  if (!ref) return null;
  const n = plan.nodes.find((x) => x.id === ref.node);
  return isPlottable(n?.outputTypes[ref.port]) ? ref : null;
}

export async function latentSnapshot(plan: Plan, ref: PortRef, rows: Int32Array, step: number, method: 'pca' | 'umap'): Promise<LatentEvent> {
  const x = tf.tidy(() => embedFeatures(plan, ref, { split: 'test', indices: rows })); // [N, D]
  try {
    const labels = Uint8Array.from(rows, (i) => plan.dataset.test.labels[i]);
    const labelled = plan.dataset.labelled !== false;
    const ev = await latentPoints(x, rows.length, method);
    return { type: 'latent', step, source: `${ref.node}.${ref.port}`, labels, ...(labelled ? {} : { labelled }), ...ev };
  } finally {
    x.dispose();
  }
}

/** x: [n, d] -> 2-D points (UMAP, PCA, or as is when d ≤ 2). */
async function latentPoints(x: Tensor, n: number, method: 'pca' | 'umap'): Promise<Pick<LatentEvent, 'method' | 'points' | 'explained'>> {
  const d = x.shape[1] as number;
  if (method === 'umap' && d > 2) {
    const { umap2d } = await import('../metrics/umap');
    return { method, points: umap2d(await x.data(), n, d), explained: null };
  }
  if (d <= 2) {
    // already 2-D (or 1-D): plot as is
    const v = await x.data();
    const pts = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      pts[2 * i] = v[i * d];
      pts[2 * i + 1] = d > 1 ? v[i * 2 + 1] : 0;
    }
    return { method: 'pca', points: pts, explained: null };
  }
  const p = await pca2d(tf, x);
  return { method: 'pca', points: p.points, explained: p.explained };
}

const COLLAPSE_WARNING = 0.1;

/**
 * Collapse monitors on the embedding the loss looks at (the projector output
 * when there is one): per-dimension std of the normalised embedding, effective
 * rank, the collapse figure, and alignment / uniformity of two augmented views.
 */
export async function collapseSnapshot(plan: Plan, rows: Int32Array, step: number): Promise<CollapseEvent | null> {
  const ref = embeddingPort(plan);
  if (!ref) return null;
  const clean = tf.tidy(() => embedFeatures(plan, ref, { split: 'test', indices: rows })); // [N, D]
  const stdT = tf.tidy(() => {
    const nrm = tf.div(clean, tf.add(tf.norm(clean, 'euclidean', 1, true), 1e-12));
    return tf.sqrt(tf.moments(nrm, 0).variance); // [D]
  });
  const perDimStd = new Float32Array(await stdT.data());
  stdT.dispose();
  const figure = await collapseFigure(tf, clean);
  const rank = await effectiveRank(tf, clean);
  clean.dispose();

  // two augmented views of the same rows through the training graph in eval mode
  let alignment: number | null = null;
  let uniformity: number | null = null;
  const node = plan.nodes.find((n) => n.id === ref.node)!;
  if ((node.outputTypes[ref.port].views ?? 1) === 2) {
    const sub = rows.slice(0, Math.min(256, rows.length));
    const v = tf.tidy(() => {
      const r = plan.forward({ training: false, step, totalSteps: step, batch: { split: 'test', indices: sub }, pass: 98 });
      const y = r.outputs.get(ref.node)![ref.port];
      return tf.reshape(y, [y.shape[0], -1]);
    });
    ({ alignment, uniformity } = await alignmentUniformity(tf, v));
    v.dispose();
  }
  const warning =
    figure < COLLAPSE_WARNING
      ? `Collapse: the normalised ${ref.node} output barely varies across inputs (std × √d = ${figure.toFixed(3)}); every image maps to nearly the same point.`
      : rank < 2 && perDimStd.length > 4
        ? `Dimensional collapse: the ${ref.node} output spans about ${rank.toFixed(1)} of ${perDimStd.length} dimensions.`
        : null;
  return { type: 'collapse', step, source: `${ref.node}.${ref.port}`, perDimStd, effectiveRank: rank, effectiveRankNote: rankSampleNote(rows.length, perDimStd.length), collapse: figure, alignment, uniformity, warning };
}

/**
 * One row [mean, std, min, max, dead] per float output of every plan node, from one
 * forward pass's outputs (call inside a tidy). Dead: the fraction of units that are
 * zero for every sample of the batch.
 */
export function portStatRows(plan: Plan, outputs: Map<string, Record<string, Tensor>>): { rows: Tensor | null; keys: Array<[string, string]> } {
  const keys: Array<[string, string]> = [];
  const rowsOut: Tensor[] = [];
  for (const n of plan.nodes) {
    for (const [port, type] of Object.entries(n.outputTypes)) {
      const y = outputs.get(n.id)?.[port];
      if (!y || y.dtype !== 'float32' || type.type === 'labels') continue;
      const flat = y.rank === 0 ? tf.reshape(y, [1, 1]) : tf.reshape(y, [y.shape[0], -1]); // [N, F]
      const { mean, variance } = tf.moments(flat);
      const dead = tf.mean(tf.cast(tf.equal(tf.max(tf.abs(flat), 0), 0), 'float32')); // units silent for the whole batch
      rowsOut.push(tf.stack([mean, tf.sqrt(variance), tf.min(flat), tf.max(flat), dead]));
      keys.push([n.id, port]);
    }
  }
  return { rows: rowsOut.length ? tf.stack(rowsOut) : null, keys }; // [K, 5]
}

/** The values of portStatRows' tensor, by node and port. */
export function portStats(v: ArrayLike<number>, keys: Array<[string, string]>, offset = 0): Record<string, Record<string, PortStats>> {
  const stats: Record<string, Record<string, PortStats>> = {};
  keys.forEach(([id, port], k) => {
    const i = offset + 5 * k;
    (stats[id] ??= {})[port] = { mean: v[i], std: v[i + 1], min: v[i + 2], max: v[i + 3], dead: v[i + 4] };
  });
  return stats;
}

/** mean, std, min, max and the fraction of dead units of each node output on held-out samples, for the inspector. */
export async function nodeStats(plan: Plan, rows: Int32Array, step: number): Promise<NodeStatsEvent> {
  const sub = rows.slice(0, Math.min(256, rows.length));
  let keys: Array<[string, string]> = [];
  const t = tf.tidy(() => {
    const r = plan.forward({ training: false, step, totalSteps: step, batch: { split: 'test', indices: sub }, pass: 97 });
    const out = portStatRows(plan, r.outputs);
    keys = out.keys;
    return out.rows ?? tf.zeros([0, 5]);
  });
  const v = await t.data();
  t.dispose();
  return { type: 'nodestats', step, stats: portStats(v, keys) };
}

const GRID = 48;
const EXTENT: [number, number, number, number] = [-2, 2, -2, 2];

/** Energy of every loss that can report per-sample values, over a grid of the plane (2-D point data only). */
export async function energySnapshot(plan: Plan, step: number): Promise<EnergyEvent | null> {
  if (plan.dataset.kind !== 'points' || plan.dataset.sampleShape[0] !== 2) return null;
  const pts = new Float32Array(GRID * GRID * 2);
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) {
      pts[2 * (j * GRID + i)] = EXTENT[0] + ((i + 0.5) / GRID) * (EXTENT[1] - EXTENT[0]);
      pts[2 * (j * GRID + i) + 1] = EXTENT[3] - ((j + 0.5) / GRID) * (EXTENT[3] - EXTENT[2]);
    }
  }
  const rows = GRID * GRID;
  const indices = new Int32Array(rows);
  const e = tf.tidy((): Tensor => {
    const r = plan.forward({ training: false, step, totalSteps: step, batch: { split: 'test', indices, points: pts }, pass: 96, perSample: true });
    let total: Tensor | null = null;
    for (const phase of plan.phases) {
      for (const l of phase.losses) {
        const t = r.terms.get(l.id);
        if (!t || t.rank !== 1 || t.shape[0] !== rows) continue; // a loss without per-sample values
        const w = tf.mul(t, l.weight);
        total = total ? tf.add(total, w) : w;
      }
    }
    // an empty tensor stands for "no loss here reports per-sample energies"
    return total ?? tf.zeros([0]);
  });
  if (e.size === 0) {
    e.dispose();
    return null;
  }
  const energy = new Float32Array(await e.data());
  e.dispose();
  const test = plan.dataset.test;
  const n = Math.min(test.count, 600);
  const points = new Float32Array(n * 2);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    points[2 * i] = test.values![2 * i];
    points[2 * i + 1] = test.values![2 * i + 1];
    labels[i] = test.labels[i];
  }
  const fit = await fitOf(plan, n);
  return { type: 'energy', step, size: GRID, extent: EXTENT, energy, points, labels, ...(fit ? { fit } : {}) };
}

/** dec(ž) of the first n held-out points, from the first loss that reports a 2-D 'fit' (a latent-variable EBM's energy). */
async function fitOf(plan: Plan, n: number): Promise<Float32Array | null> {
  const node = plan.nodes.find((m) => m.spec.loss && m.spec.probes?.includes('fit') && Object.values(m.inputTypes).some((t) => featureSize(t) === 2));
  if (!node || n === 0) return null;
  const f = tf.tidy(() => {
    let fit: Tensor | null = null;
    plan.embed(node.id, 'loss', { split: 'test', indices: Int32Array.from({ length: n }, (_, i) => i) }, (name, value) => {
      if (name === 'fit') fit = value;
    });
    const t = fit as Tensor | null;
    return t && t.shape[0] === n && t.size === 2 * n ? t : tf.zeros([0]);
  });
  const v = f.size ? new Float32Array(await f.data()) : null;
  f.dispose();
  return v;
}
