'use client';
// One uPlot chart with a line per run (and optionally a second, dashed metric
// per run). The data is small (a few runs, ≤ 2,000 points each), so the plot
// is rebuilt whenever the inputs change instead of patched. The canvas uPlot
// draws into is handed to `onCanvas`, so the PNG export takes it by reference.
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { STEP_INCRS, fitLabels, recordAxes, stepRange } from '../../lib/chart-axes';
import { alignSeries, type XY } from '../../lib/runs/compare';
import { chartAxis, resolveColor } from '../../lib/theme';
import './CompareChart.css';
import { useTheme } from '../../lib/use-theme';

export interface ChartLine extends XY {
  label: string;
  /** A CSS colour; `var(--token)` is resolved for the canvas. */
  color: string;
  dash?: number[];
}

interface CompareChartProps {
  lines: ChartLine[];
  height?: number;
  yLabel?: string;
  /** Fixed y range (accuracies: [0, 1]). */
  yRange?: [number, number];
  logY?: boolean;
  format?: (v: number) => string;
  empty: string;
  testId?: string;
  onCanvas?(canvas: HTMLCanvasElement | null): void;
}

export function CompareChart({ lines, height = 200, yLabel, yRange, logY, format, empty, testId, onCanvas }: CompareChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const theme = useTheme();
  const hasData = lines.some((l) => l.y.some((v) => v !== null));

  useEffect(() => {
    const el = box.current;
    plot.current?.destroy();
    plot.current = null;
    if (!el || !hasData) return;
    const data = alignSeries(lines) as uPlot.AlignedData;
    const pointCount = data[0].length;
    const axis = chartAxis();
    const opts: uPlot.Options = {
      width: Math.max(240, el.clientWidth),
      height,
      scales: { x: { time: false, range: stepRange }, y: logY ? { distr: 3 } : yRange ? { range: () => yRange } : {} },
      legend: { show: false },
      cursor: { drag: { x: true, y: false } },
      axes: [
        { ...axis, label: 'step', labelSize: 14, incrs: STEP_INCRS, space: 50 },
        { ...axis, size: fitLabels(52), space: 22, label: yLabel, labelSize: yLabel ? 14 : 0, values: format ? (_u, ticks) => ticks.map((t) => format(t)) : undefined },
      ],
      hooks: { draw: [recordAxes(el)] },
      series: [
        { label: 'step' },
        ...lines.map((l) => ({
          label: l.label,
          stroke: resolveColor(l.color),
          width: 1.75,
          dash: l.dash,
          spanGaps: true,
          // a run evaluated only at its end has one point: draw it
          points: { show: pointCount < 40 || l.y.filter((v) => v !== null).length < 3, size: 6, fill: resolveColor(l.color) },
        })),
      ],
    };
    plot.current = new uPlot(opts, data, el);
    onCanvas?.(plot.current.ctx.canvas);
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => plot.current?.setSize({ width: Math.max(240, el.clientWidth), height })) : null;
    ro?.observe(el);
    return () => {
      ro?.disconnect();
      onCanvas?.(null);
      plot.current?.destroy();
      plot.current = null;
    };
  }, [lines, height, yLabel, yRange, logY, format, hasData, onCanvas, theme]);

  return (
    <div className="cmp-chart" data-testid={testId} data-lines={lines.length}>
      <div ref={box} className="cmp-chart__plot" style={{ minHeight: hasData ? height : undefined }} />
      {!hasData && <p className="cmp-empty">{empty}</p>}
      {hasData && (
        <ul className="cmp-legend">
          {lines.map((l, i) => (
            <li key={i}>
              <span className={`cmp-legend__swatch${l.dash ? ' is-dashed' : ''}`} style={{ borderColor: l.color }} />
              {l.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
