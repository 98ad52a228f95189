'use client';
// The compare view's first row: loss curves (optionally each divided by its
// first value, on a log axis when every value is positive) and held-out kNN and
// linear-probe accuracy over steps.
import { useMemo } from 'react';
import { accuracyRange, evalSeries, normalize, primaryLossKey } from '../../lib/runs/compare';
import type { RunRecord } from '../../lib/runs/record';
import { CompareChart, type ChartLine } from './CompareChart';
import type { CanvasSlot } from './compare-canvases';

const pctAxis = (v: number) => `${Math.round(v * 100)}%`;

interface Props {
  records: RunRecord[];
  labels: string[];
  colors: string[];
  normalized: boolean;
  onNormalized(v: boolean): void;
  logY: boolean;
  onLogY(v: boolean): void;
  slot: CanvasSlot;
}

export function CompareCharts({ records, labels, colors, normalized, onNormalized, logY, onLogY, slot }: Props) {
  const lossLines = useMemo<ChartLine[]>(
    () =>
      records.map((r, i) => {
        const key = primaryLossKey(r);
        const y = key ? r.metrics.values[key] : [];
        return { label: labels[i], color: colors[i], x: r.metrics.step, y: normalized ? normalize(y) : y };
      }),
    [records, labels, colors, normalized],
  );
  const allPositive = lossLines.every((l) => l.y.every((v) => v === null || v > 0));

  const accLines = useMemo<ChartLine[]>(
    () =>
      records.flatMap((r, i) => [
        { label: `${labels[i]} · kNN`, color: colors[i], ...evalSeries(r, 'knn') },
        { label: `${labels[i]} · linear probe`, color: colors[i], dash: [6, 4], ...evalSeries(r, 'probe') },
      ]),
    [records, labels, colors],
  );
  const accRange = useMemo(() => accuracyRange(accLines.flatMap((l) => l.y)), [accLines]);

  return (
    <div className="cmp-row cmp-row--charts">
      <section className="cmp-card" aria-labelledby="cmp-loss">
        <div className="cmp-card__head">
          <h3 id="cmp-loss">Loss</h3>
          <label title="Divide each run's loss by its first value: the losses of different methods live at different scales">
            <input type="checkbox" checked={normalized} onChange={(e) => onNormalized(e.target.checked)} /> normalise
          </label>
          <label className={allPositive ? '' : 'is-disabled'} title="Logarithmic axis (every value must be above zero)">
            <input type="checkbox" checked={logY && allPositive} disabled={!allPositive} onChange={(e) => onLogY(e.target.checked)} /> log
          </label>
        </div>
        <CompareChart lines={lossLines} logY={logY && allPositive} empty="No loss was logged." testId="compare-loss" yLabel={normalized ? '÷ first value' : undefined} onCanvas={slot('loss')} />
      </section>
      <section className="cmp-card" aria-labelledby="cmp-acc">
        <div className="cmp-card__head">
          <h3 id="cmp-acc">Held-out accuracy</h3>
          <span className="cmp-card__note">kNN solid · linear probe dashed</span>
        </div>
        <CompareChart lines={accLines} yRange={accRange} format={pctAxis} empty="No evaluation yet: runs are evaluated at the end (Evaluate at the end) and every “Evaluate every” steps." testId="compare-accuracy" onCanvas={slot('accuracy')} />
      </section>
    </div>
  );
}
