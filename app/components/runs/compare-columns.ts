// The columns of the compare view's results table, shared by the table on the
// page and the one drawn into the PNG.
import { formatDuration, formatNum, formatPercent } from '../../lib/format';
import type { RunRecord } from '../../lib/runs/record';
import { lastEval, stepsPerSecOf, wallMsOf } from '../../lib/runs/summary';

export interface ResultColumn {
  head: string;
  title?: string;
  value(r: RunRecord): number | null;
  format(v: number | null, r: RunRecord): string;
  /** Which way is better, for highlighting; undefined: no highlight. */
  better?: 'high' | 'low';
}

export const COLUMNS: ResultColumn[] = [
  { head: 'Linear probe', title: 'Logistic regression on the frozen representation with 10 labels per class, mean of 5 draws', value: (r) => lastEval(r, 'probe'), format: (v) => formatPercent(v), better: 'high' },
  { head: 'kNN', title: 'k = 20 nearest neighbours (cosine) among all 8,000 labelled training digits', value: (r) => lastEval(r, 'knn'), format: (v) => formatPercent(v), better: 'high' },
  { head: 'Effective rank (repr.)', title: 'exp(entropy of the singular values) of the representation, the encoder output (the collapse monitors below measure the embedding the loss sees)', value: (r) => lastEval(r, 'effectiveRank'), format: (v) => formatNum(v, 1), better: 'high' },
  { head: 'Collapse', title: 'std of the L2-normalised representation × √d: ≈1 spread out, ≈0 collapsed', value: (r) => lastEval(r, 'collapse'), format: (v) => formatNum(v, 2) },
  { head: 'Steps', value: (r) => r.stepsDone, format: (v, r) => `${v ?? 0} / ${r.stepBudget}` },
  { head: 'Steps/s', value: (r) => stepsPerSecOf(r), format: (v) => (v === null ? '—' : v >= 10 ? v.toFixed(0) : v.toFixed(2)), better: 'high' },
  { head: 'Wall time', value: (r) => wallMsOf(r), format: (v) => formatDuration(v) },
  { head: 'Backend', value: () => null, format: (_v, r) => r.backend ?? '—' },
];
