// The arithmetic behind the compare view, kept out of the components so it is
// tested: which loss curve stands for a run, aligning runs logged at different
// steps on one x axis, normalising, the snapshot a scrubbed step shows, and
// labels that stay distinct when two runs share a name.
import type { RunRecord } from './record';

/** The curve that stands for a run: the weighted total of its (first) optimizer phase. */
export function primaryLossKey(r: Pick<RunRecord, 'metrics'>): string | null {
  const keys = Object.keys(r.metrics.values);
  return keys.includes('total:main') ? 'total:main' : (keys.find((k) => k.startsWith('total:')) ?? keys[0] ?? null);
}

export interface XY {
  x: number[];
  y: (number | null)[];
}

/**
 * Joins several (x, y) series on the union of their x values: the data layout uPlot wants,
 * [xs, ys0, ys1, …], with null where a series has no point at that x.
 */
export function alignSeries(series: readonly XY[]): [number[], ...(number | null)[][]] {
  const xs = [...new Set(series.flatMap((s) => s.x))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const col = new Array<number | null>(xs.length).fill(null);
    s.x.forEach((x, i) => {
      const v = s.y[i];
      col[at.get(x)!] = typeof v === 'number' && Number.isFinite(v) ? v : null;
    });
    return col;
  });
  return [xs, ...ys];
}

/**
 * Divides a series by the magnitude of its first finite, non-zero value, so runs whose
 * losses live at different scales start at ±1. |first| keeps the direction of a negative
 * loss (a negative cosine still goes down as it improves). Unchanged when there is no such value.
 */
export function normalize(y: readonly (number | null)[]): (number | null)[] {
  const first = y.find((v): v is number => typeof v === 'number' && Number.isFinite(v) && v !== 0);
  if (first === undefined) return [...y];
  const d = Math.abs(first);
  return y.map((v) => (v === null ? null : v / d));
}

/** The last item with step ≤ `step` (lists are in step order), or null when all are later. */
export function atOrBefore<T extends { step: number }>(list: readonly T[], step: number): T | null {
  let lo = 0;
  let hi = list.length - 1;
  let best: T | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].step <= step) {
      best = list[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** Every step at which any run has a latent snapshot: the stops of the shared scrubber. */
export function snapshotSteps(records: readonly Pick<RunRecord, 'latents' | 'collapses'>[]): number[] {
  return [...new Set(records.flatMap((r) => [...r.latents.map((l) => l.step), ...r.collapses.map((c) => c.step)]))].sort((a, b) => a - b);
}

export function evalSeries(r: Pick<RunRecord, 'evals'>, key: 'knn' | 'probe' | 'effectiveRank' | 'collapse'): XY {
  const pts = r.evals.filter((e) => e[key] !== null);
  return { x: pts.map((e) => e.step), y: pts.map((e) => e[key]) };
}

/** Names as shown in legends: duplicates get " (2)", " (3)" in order. */
export function distinctLabels(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const total = new Map<string, number>();
  for (const n of names) total.set(n, (total.get(n) ?? 0) + 1);
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return total.get(n)! > 1 ? `${n} (${k})` : n;
  });
}

/**
 * A y range for accuracies that shows the differences between methods (they often sit
 * within a few points of each other) while keeping round 5% bounds inside [0, 1].
 */
export function accuracyRange(values: readonly (number | null)[]): [number, number] {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (v.length === 0) return [0, 1];
  const lo = Math.max(0, Math.floor((Math.min(...v) - 0.05) * 20) / 20);
  const hi = Math.min(1, Math.ceil((Math.max(...v) + 0.02) * 20) / 20);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  if (hi - lo >= 0.1 - 1e-9) return [r2(lo), r2(hi)];
  return hi >= 0.1 ? [r2(hi - 0.1), r2(hi)] : [0, 0.1];
}

/** Index of the best value per column (higher is better), or -1 when fewer than two have one. */
export function bestIndex(values: readonly (number | null)[], higherIsBetter = true): number {
  let best = -1;
  let count = 0;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    count++;
    if (best < 0 || (higherIsBetter ? v > values[best]! : v < values[best]!)) best = i;
  });
  return count >= 2 ? best : -1;
}
