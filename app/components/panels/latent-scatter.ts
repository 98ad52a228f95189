// The latent view's scatter: points coloured by class on a canvas, the origin
// dashed when in view, axis names under the plot. Colours are read from the
// tokens at draw time, so a redraw follows the theme.
import { pointBounds } from '../../lib/chart-math';
import { palette, tokens, withAlpha } from '../../lib/theme';
import { prepareCanvas } from '../../lib/use-canvas';
import type { LatentEvent } from '../../../workers/protocol';

const PAD = { left: 6, right: 6, top: 6, bottom: 20 };

function axisNames(s: LatentEvent): [string, string] {
  if (s.method === 'umap') return ['UMAP 1', 'UMAP 2'];
  if (s.explained) return [`PC 1 (${(s.explained[0] * 100).toFixed(1)}% var.)`, `PC 2 (${(s.explained[1] * 100).toFixed(1)}% var.)`];
  return ['dim 1', 'dim 2'];
}

/** Draws the scatter; returns each point's screen position for hover lookup. */
export function drawScatter(canvas: HTMLCanvasElement | null, s: LatentEvent, width: number, height: number): Float32Array {
  const ctx = prepareCanvas(canvas, width, height);
  const n = Math.min(s.labels.length, s.points.length / 2);
  const screen = new Float32Array(n * 2);
  if (!ctx) return screen;
  const b = pointBounds(s.points);
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const t = tokens({ rule: 'chart-rule', axis: 'chart-axis' });
  const classes = palette('class');
  ctx.strokeStyle = withAlpha(t.rule, 0.18);
  ctx.lineWidth = 1;
  ctx.strokeRect(PAD.left - 0.5, PAD.top - 0.5, w + 1, h + 1);
  // the origin, when it is in view, helps read PCA axes
  ctx.setLineDash([3, 4]);
  if (b.x0 < 0 && b.x1 > 0) {
    const x = PAD.left + ((0 - b.x0) / (b.x1 - b.x0)) * w;
    ctx.beginPath();
    ctx.moveTo(x, PAD.top);
    ctx.lineTo(x, PAD.top + h);
    ctx.stroke();
  }
  if (b.y0 < 0 && b.y1 > 0) {
    const y = PAD.top + (1 - (0 - b.y0) / (b.y1 - b.y0)) * h;
    ctx.beginPath();
    ctx.moveTo(PAD.left, y);
    ctx.lineTo(PAD.left + w, y);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  for (let i = 0; i < n; i++) {
    screen[2 * i] = PAD.left + ((s.points[2 * i] - b.x0) / (b.x1 - b.x0)) * w;
    screen[2 * i + 1] = PAD.top + (1 - (s.points[2 * i + 1] - b.y0) / (b.y1 - b.y0)) * h;
  }
  // one path per class: ten fills instead of a thousand style changes
  const r = Math.max(1.5, Math.min(3.2, Math.min(w, h) / 130));
  ctx.globalAlpha = 0.82;
  const labels = [...new Set(s.labels)].sort((a, b2) => a - b2);
  for (const label of labels) {
    // an unlabelled dataset: one neutral colour, no classes to tell apart
    ctx.fillStyle = s.labelled === false ? t.axis : classes[label % classes.length];
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      if (s.labels[i] !== label) continue;
      const x = screen[2 * i];
      const y = screen[2 * i + 1];
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, Math.PI * 2);
    }
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  // axis names under the plot: horizontal text stays readable at any panel size
  const [ax, ay] = axisNames(s);
  ctx.fillStyle = t.axis;
  ctx.font = '10.5px system-ui, sans-serif';
  ctx.textBaseline = 'bottom';
  ctx.fillText(`→ ${ax}`, PAD.left, height - 3);
  ctx.textAlign = 'right';
  ctx.fillText(`↑ ${ay}`, width - PAD.right, height - 3);
  ctx.textAlign = 'left';
  return screen;
}

