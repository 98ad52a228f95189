'use client';
// Collapse monitors of every run: the effective rank of the embedding over
// steps on one chart, and each run's per-dimension spread at the scrubbed step.
import { useMemo } from 'react';
import { atOrBefore } from '../../lib/runs/compare';
import type { RunRecord } from '../../lib/runs/record';
import { formatNum } from '../../lib/format';
import { CompareChart, type ChartLine } from './CompareChart';
import type { CanvasSlot } from './compare-canvases';
import { CollapseBars } from './LatentPlot';
import { PagedFigures } from './Pager';
import { RunFigure } from './RunFigure';

interface Props {
  records: RunRecord[];
  labels: string[];
  colors: string[];
  scrub: number;
  slot: CanvasSlot;
}

export function CompareCollapse({ records, labels, colors, scrub, slot }: Props) {
  const rankRange = useMemo<[number, number]>(() => [0, Math.max(1, ...records.flatMap((r) => r.collapses.map((c) => c.effectiveRank ?? 0))) * 1.1], [records]);
  const rankLines = useMemo<ChartLine[]>(
    () =>
      records.map((r, i) => ({
        label: labels[i],
        color: colors[i],
        x: r.collapses.map((c) => c.step),
        y: r.collapses.map((c) => c.effectiveRank),
      })),
    [records, labels, colors],
  );
  return (
    <section className="cmp-card" aria-labelledby="cmp-collapse">
      <div className="cmp-card__head">
        <h3 id="cmp-collapse">Collapse monitors</h3>
        <span className="cmp-card__note">effective rank of the embedding over steps; bars: each dimension’s spread at step {scrub}, sorted (dashed: fully spread out)</span>
      </div>
      <div>
        <CompareChart lines={rankLines} height={160} yRange={rankRange} yLabel="effective rank" empty="No collapse monitor was recorded (graphs without an embedding have none)." testId="compare-rank" onCanvas={slot('rank')} />
      </div>
      <PagedFigures
        what="collapse monitors"
        records={records}
        figure={(r, i) => {
          const c = atOrBefore(r.collapses, scrub);
          return (
            <RunFigure
              key={r.id}
              kind="collapse"
              index={i}
              color={colors[i]}
              label={labels[i]}
              meta={c ? `rank ${formatNum(c.effectiveRank, 1)} · collapse ${formatNum(c.collapse, 2)}${c.alignment !== null ? ` · align ${formatNum(c.alignment, 2)}` : ''}` : 'no monitor yet'}
            >
              <CollapseBars point={c} label={`Per-dimension spread of ${labels[i]} at step ${c?.step ?? scrub}`} onCanvas={slot('collapses', i)} />
              {c?.warning && <p className="cmp-warning">{c.warning}</p>}
            </RunFigure>
          );
        }}
      />
    </section>
  );
}
