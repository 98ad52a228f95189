'use client';
// The energy landscape of a model of 2-D toy data: the worker evaluates the
// per-sample energy on a grid over the plane; this view paints it through
// viridis (dark = low energy, where the model puts its data) and draws the
// held-out points on top, coloured by the cluster they came from. For a
// latent-variable model each point is joined to dec(ž), where the model explains
// it at its inferred code: the energy of the point is that segment's squared length.
import { memo, useEffect, useMemo, useRef } from 'react';
import { finiteRange, heatmapRgba, viridisCss } from '../../lib/chart-math';
import { formatValue } from '../../lib/format';
import { palette, tokens, withAlpha } from '../../lib/theme';
import type { RunStore } from '../../lib/run-store';
import { SOFTWARE, prepareCanvas, useElementSize } from '../../lib/use-canvas';
import { useRun } from '../../lib/use-run';
import type { EnergyEvent } from '../../../workers/protocol';
import { Empty, PanelFrame } from './PanelFrame';
import './EnergyPanel.css';
import { useTheme } from '../../lib/use-theme';

/** Two significant digits: the colour bar is narrow, and the ends only set the scale. */
function short(v: number): string {
  const a = Math.abs(v);
  return a !== 0 && (a < 0.01 || a >= 1e4) ? v.toExponential(1) : String(Number(v.toPrecision(2)));
}

const GRADIENT = `linear-gradient(to top, ${Array.from({ length: 9 }, (_, i) => viridisCss(i / 8)).join(', ')})`;

function drawEnergy(canvas: HTMLCanvasElement | null, e: EnergyEvent, range: [number, number], width: number, height: number): number {
  const ctx = prepareCanvas(canvas, width, height);
  if (!ctx) return 0;
  const side = Math.max(0, Math.min(width, height) - 4);
  const x0 = (width - side) / 2;
  const y0 = (height - side) / 2;
  // the grid at its own resolution, then scaled with smoothing: a continuous-looking field
  const grid = document.createElement('canvas');
  grid.width = e.size;
  grid.height = e.size;
  grid.getContext('2d', SOFTWARE)!.putImageData(new ImageData(heatmapRgba(e.energy, range), e.size, e.size), 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(grid, x0, y0, side, side);
  const [xmin, xmax, ymin, ymax] = e.extent;
  const n = Math.min(e.labels.length, e.points.length / 2);
  const r = Math.max(1.8, side / 160);
  ctx.lineWidth = 1;
  const t = tokens({ outline: 'canvas-outline', rule: 'chart-rule' });
  const classes = palette('class');
  const at = (px: number, py: number): [number, number] => [x0 + ((px - xmin) / (xmax - xmin)) * side, y0 + (1 - (py - ymin) / (ymax - ymin)) * side];
  if (e.fit) {
    // under the points: y → dec(ž), then dec(ž) as a small outlined square
    ctx.strokeStyle = withAlpha(t.outline, 0.6);
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const [ax, ay] = at(e.points[2 * i], e.points[2 * i + 1]);
      const [bx, by] = at(e.fit[2 * i], e.fit[2 * i + 1]);
      ctx.moveTo(ax, ay);
      ctx.lineTo(bx, by);
    }
    ctx.stroke();
    ctx.fillStyle = withAlpha(t.outline, 0.9);
    for (let i = 0; i < n; i++) {
      const [bx, by] = at(e.fit[2 * i], e.fit[2 * i + 1]);
      ctx.fillRect(bx - 1, by - 1, 2, 2);
    }
  }
  ctx.strokeStyle = withAlpha(t.outline, 0.85);
  let drawn = 0;
  for (let i = 0; i < n; i++) {
    const px = e.points[2 * i];
    const py = e.points[2 * i + 1];
    if (px < xmin || px > xmax || py < ymin || py > ymax) continue;
    const [x, y] = at(px, py);
    ctx.fillStyle = classes[e.labels[i] % classes.length];
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
    drawn++;
  }
  ctx.strokeStyle = withAlpha(t.rule, 0.25);
  ctx.strokeRect(x0 - 0.5, y0 - 0.5, side + 1, side + 1);
  return drawn;
}

function EnergyPanelView({ store }: { store: RunStore }) {
  const energy = useRun(store, (s) => s.energy);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(box);
  const theme = useTheme();
  const range = useMemo(() => (energy ? finiteRange(energy.energy) : ([0, 1] as [number, number])), [energy]);

  useEffect(() => {
    const el = canvas.current;
    if (!el || !energy) return;
    const drawn = drawEnergy(el, energy, range, size.width, size.height);
    el.dataset.cells = String(energy.size * energy.size);
    el.dataset.points = String(drawn);
    el.dataset.step = String(energy.step);
    el.dataset.fits = String(energy.fit ? energy.fit.length / 2 : 0);
  }, [energy, range, size, theme]);

  return (
    <PanelFrame title="Energy landscape" testId="energy-panel" className="view--energy" meta={energy ? `step ${energy.step}` : undefined}>
      <div className="energy">
        <div ref={box} className="energy__plot">
          <canvas ref={canvas} className="energy__canvas" data-testid="energy-canvas" data-cells="0" role="img" aria-label="Energy over the plane, with the held-out points" />
          {!energy && <Empty>The energy of every point of the plane appears here for 2-D toy data.</Empty>}
        </div>
        {energy && (
          <div className="colorbar" aria-label={`Energy from ${formatValue(range[0])} to ${formatValue(range[1])}`}>
            <span className="colorbar__label">{short(range[1])}</span>
            <span className="colorbar__bar" style={{ background: GRADIENT }} />
            <span className="colorbar__label">{short(range[0])}</span>
            <span className="colorbar__title">energy</span>
          </div>
        )}
      </div>
      <p className="view__note">
        Low energy (dark) is where the model explains the data well; training pulls it down on the data and the points sit in the valleys.
        {energy?.fit && ' Each line joins a point to dec(ž), the model’s explanation of it at its inferred latent.'}
      </p>
    </PanelFrame>
  );
}

export const EnergyPanel = memo(EnergyPanelView);
