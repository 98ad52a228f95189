// uPlot axis pieces shared by the dock's charts and the compare view: a y axis
// as wide as its longest tick label (a fixed width clipped "100,000" to
// "00,000"), step ticks at whole round numbers only (never 1.25), and an x
// range that does not double when every line has one point (a run evaluated
// only at its end: uPlot would pad step 40 to 0–80).
import type uPlot from 'uplot';

/** Step increments: whole, round numbers (uPlot's defaults include 2.5 and fractions). */
export const STEP_INCRS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1e3, 2e3, 2.5e3, 5e3, 1e4, 2e4, 2.5e4, 5e4, 1e5, 2e5, 2.5e5, 5e5, 1e6];

/** An axis `size` that fits its longest tick label, at least `min` px. */
export function fitLabels(min: number): uPlot.Axis.Size {
  return (u, values, axisIdx, cycleNum) => {
    const axis = u.axes[axisIdx] as uPlot.Axis & { _size?: number; font?: [string, number] };
    // uPlot asks again after the ticks settle; the first answer stands to keep the layout stable
    if (cycleNum > 1 && axis._size) return axis._size;
    let size = (axis.ticks?.size ?? 10) + (axis.gap ?? 5) + 2;
    const longest = (values ?? []).reduce((a, v) => (String(v).length > a.length ? String(v) : a), '');
    if (longest) {
      u.ctx.font = axis.font?.[0] ?? '11px system-ui';
      size += u.ctx.measureText(longest).width / (typeof devicePixelRatio === 'number' ? devicePixelRatio : 1);
    }
    return Math.max(min, Math.ceil(size));
  };
}

/**
 * x range for step axes: the data's, but a single step shows [0, step]. uPlot pads a lone x
 * value before it calls the range function (step 40 arrives as 0–80), so the data decide.
 */
export const stepRange: uPlot.Range.Function = (u, min, max) => {
  const xs = (u.data?.[0] ?? []) as ArrayLike<number>;
  if (xs.length === 1 && Number.isFinite(xs[0])) return [Math.min(0, xs[0]), xs[0] > 0 ? xs[0] : 1];
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  return [min, max];
};

type DrawnAxis = uPlot.Axis & { _values?: (string | number)[] | null; _size?: number };

/**
 * A draw hook that writes what the chart shows onto `host` (tick labels, the y axis's width,
 * the x range), so a test can check the labels a user reads without reading pixels.
 */
export function recordAxes(host: HTMLElement): (u: uPlot) => void {
  return (u) => {
    const [x, y] = u.axes as DrawnAxis[];
    host.dataset.xTicks = (x?._values ?? []).join('|');
    host.dataset.yTicks = (y?._values ?? []).join('|');
    const font = (y as { font?: [string] })?.font?.[0];
    if (font) u.ctx.font = font;
    const widest = Math.max(0, ...(y?._values ?? []).map((v) => u.ctx.measureText(String(v)).width / (typeof devicePixelRatio === 'number' ? devicePixelRatio : 1)));
    host.dataset.yLabelWidth = String(Math.ceil(widest));
    host.dataset.yAxisWidth = String(y?._size ?? 0);
    host.dataset.xRange = `${u.scales.x.min}|${u.scales.x.max}`;
  };
}
