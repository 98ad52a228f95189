// A uPlot line chart over a LossSeries that stays cheap however long the run:
// the full series is kept, smoothing runs over all of it, and only about two
// points per pixel column (each series' min and max per column) are handed to
// uPlot. Hovering reports the index into the full series, so the read-out shows
// the exact logged value, not a decimated one.
import 'uplot/dist/uPlot.min.css';
import uPlot from 'uplot';
import { STEP_INCRS, fitLabels, recordAxes, stepRange } from '../../lib/chart-axes';
import { debiasedEma, decimateIndices, pick } from '../../lib/chart-math';
import type { LossSeries } from '../../lib/run-store';
import { chartAxis, resolveColor, withAlpha } from '../../lib/theme';

export interface ChartSpec {
  /** Series keys to draw, in order. */
  keys: string[];
  /** CSS colours, `var(--token)` allowed (resolved when the chart is built). */
  colors: string[];
  labels: string[];
  log: boolean;
  x: 'step' | 'time';
  /** EMA weight in [0, 1); 0 draws the raw values only. */
  smoothing: number;
  /** A small companion chart: no x tick labels (it shares the x axis of the chart above), a narrow y axis. */
  compact?: boolean;
  /** The page's theme: colours are read from the tokens when the chart is built, so a new theme rebuilds it. */
  theme?: string;
}

export class SeriesChart {
  private plot: uPlot | null = null;
  private sig = '';
  /** Drawn point -> index into the full series. */
  private idx: Int32Array = new Int32Array(0);
  /** Points handed to uPlot on the last draw. */
  drawn = 0;

  constructor(
    private readonly host: HTMLElement,
    private readonly onHover: (index: number | null) => void,
  ) {}

  draw(series: LossSeries, spec: ChartSpec, width: number, height: number): void {
    if (series.length === 0 || spec.keys.length === 0 || width < 40 || height < 40) {
      this.destroy();
      return;
    }
    const smooth = spec.smoothing > 0;
    const raw = spec.keys.map((k) => series.columns.get(k) ?? []);
    const shown = smooth ? raw.map((c) => debiasedEma(c, spec.smoothing)) : raw;
    const xs = spec.x === 'time' ? series.seconds : series.steps;
    // the raw lines are drawn faintly behind the smoothed ones, as TensorBoard does
    this.idx = decimateIndices(series.length, smooth ? [...raw, ...shown] : raw, width);
    const data: uPlot.AlignedData = [pick(xs, this.idx)];
    for (let i = 0; i < spec.keys.length; i++) {
      if (smooth) data.push(pick(raw[i], this.idx));
      data.push(pick(shown[i], this.idx));
    }
    this.drawn = this.idx.length;

    const sig = JSON.stringify([spec.keys, spec.colors, spec.labels, spec.log, spec.x, smooth, !!spec.compact, spec.theme]);
    if (!this.plot || sig !== this.sig) {
      this.plot?.destroy();
      const few = series.length < 40;
      const lines: uPlot.Series[] = [];
      const AXIS = chartAxis();
      spec.keys.forEach((_, i) => {
        const color = resolveColor(spec.colors[i]);
        if (smooth) lines.push({ label: `${spec.labels[i]} (raw)`, stroke: withAlpha(color, 0.28), width: 1, spanGaps: true, points: { show: false } });
        lines.push({ label: spec.labels[i], stroke: color, width: 1.75, spanGaps: true, points: { show: few, size: 4 } });
      });
      const opts: uPlot.Options = {
        width,
        height,
        scales: { x: { time: false, ...(spec.x === 'step' ? { range: stepRange } : {}) }, y: spec.log ? { distr: 3 } : {} },
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { size: 6 } },
        // the axis unit is named by the panel's x-axis control, so no axis title takes chart height
        axes: spec.compact
          ? [
              { ...AXIS, size: 4, values: () => [] },
              { ...AXIS, size: fitLabels(52), space: 18, ticks: { show: false } },
            ]
          : [
              { ...AXIS, size: 28, ...(spec.x === 'step' ? { incrs: STEP_INCRS } : {}) },
              { ...AXIS, size: fitLabels(52), space: 22 },
            ],
        series: [{ label: spec.x }, ...lines],
        hooks: {
          draw: [recordAxes(this.host)],
          setCursor: [
            (u) => {
              const i = u.cursor.idx;
              this.onHover(i === null || i === undefined ? null : this.idx[i]);
            },
          ],
        },
      };
      this.host.replaceChildren();
      this.plot = new uPlot(opts, data, this.host);
      // which theme's tokens this chart was built from (a theme change rebuilds it)
      this.host.dataset.theme = spec.theme ?? '';
      this.sig = sig;
    } else {
      if (this.plot.width !== width || this.plot.height !== height) this.plot.setSize({ width, height });
      this.plot.setData(data);
    }
  }

  destroy(): void {
    this.plot?.destroy();
    this.plot = null;
    this.sig = '';
    this.drawn = 0;
  }
}
