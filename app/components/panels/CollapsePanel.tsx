'use client';
// Collapse monitors on the embedding the loss looks at: the spread of each
// dimension of the L2-normalised embedding, sorted (a few tall bars and a flat
// tail is dimensional collapse; all bars near zero is complete collapse), and
// the summary figures with their history as sparklines.
import { memo, useEffect, useRef } from 'react';
import { formatValue } from '../../lib/format';
import type { RunStore } from '../../lib/run-store';
import { tokens, withAlpha } from '../../lib/theme';
import { prepareCanvas, useElementSize } from '../../lib/use-canvas';
import { useRun } from '../../lib/use-run';
import type { CollapseEvent } from '../../../workers/protocol';
import { Empty, PanelFrame } from './PanelFrame';
import './CollapsePanel.css';
import { useTheme } from '../../lib/use-theme';

const PAD = { left: 34, right: 6, top: 8, bottom: 16 };

/** Per-dimension std, sorted high to low, with the level a perfectly spread embedding would have (1/√d). */
function drawBars(canvas: HTMLCanvasElement | null, e: CollapseEvent, width: number, height: number): number {
  const ctx = prepareCanvas(canvas, width, height);
  const d = e.perDimStd.length;
  if (!ctx || d === 0) return 0;
  const sorted = Float32Array.from(e.perDimStd).sort().reverse();
  const uniform = 1 / Math.sqrt(d);
  const top = Math.max(sorted[0] || 0, uniform) * 1.15;
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const step = w / d;
  const gap = step > 4 ? 1 : 0;
  const t = tokens({ bar: 'accent', reference: 'warning', text: 'chart-axis', rule: 'chart-rule' });
  ctx.fillStyle = t.bar;
  for (let i = 0; i < d; i++) {
    const v = Number.isFinite(sorted[i]) ? sorted[i] : 0;
    const bh = (v / top) * h;
    ctx.fillRect(PAD.left + i * step, PAD.top + h - bh, Math.max(0.6, step - gap), bh);
  }
  // reference: every dimension equally used
  const y = PAD.top + h - (uniform / top) * h;
  ctx.strokeStyle = t.reference;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(PAD.left, y);
  ctx.lineTo(PAD.left + w, y);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = t.text;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText(top.toPrecision(2), PAD.left - 4, PAD.top + 4);
  ctx.fillText('0', PAD.left - 4, PAD.top + h);
  ctx.fillStyle = t.reference;
  ctx.fillText('1/√d', PAD.left - 4, y);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = t.text;
  ctx.fillText(`${d} dimensions, sorted by std`, PAD.left, height - 3);
  ctx.strokeStyle = withAlpha(t.rule, 0.25);
  ctx.beginPath();
  ctx.moveTo(PAD.left, PAD.top + h + 0.5);
  ctx.lineTo(PAD.left + w, PAD.top + h + 0.5);
  ctx.stroke();
  return d;
}

/** A tiny line of a figure's history; its last point is marked. */
export function Sparkline({ values, width = 84, height = 22 }: { values: (number | null)[]; width?: number; height?: number }) {
  const pts = values.map((v, i) => [i, v] as const).filter((p): p is readonly [number, number] => p[1] !== null && Number.isFinite(p[1]));
  if (pts.length === 0) return <svg className="spark" width={width} height={height} aria-hidden="true" />;
  let lo = Math.min(...pts.map((p) => p[1]));
  let hi = Math.max(...pts.map((p) => p[1]));
  if (hi - lo < 1e-12) [lo, hi] = [lo - 1, hi + 1];
  const n = Math.max(1, values.length - 1);
  const xy = pts.map(([i, v]) => [2 + (i / n) * (width - 4), 2 + (1 - (v - lo) / (hi - lo)) * (height - 4)] as const);
  const last = xy[xy.length - 1];
  return (
    <svg className="spark" width={width} height={height} aria-hidden="true" data-points={pts.length}>
      <polyline points={xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
      <circle cx={last[0]} cy={last[1]} r="2" fill="currentColor" />
    </svg>
  );
}

interface Figure {
  key: 'effectiveRank' | 'collapse' | 'alignment' | 'uniformity';
  label: string;
  help: string;
  format(v: number, e: CollapseEvent): string;
}

const FIGURES: Figure[] = [
  { key: 'effectiveRank', label: 'Effective rank (embedding)', help: 'exp(entropy of the singular values) of the embedding the loss sees (the projector output, when there is one): how many dimensions it really uses. The evaluation table’s effective rank measures the representation (the encoder output) instead.', format: (v, e) => `${v.toFixed(1)} / ${e.perDimStd.length}${e.effectiveRankNote ? ` (${e.effectiveRankNote})` : ''}` },
  { key: 'collapse', label: 'Collapse figure', help: 'Mean std of the normalised embedding × √d: ≈1 spread out, ≈0 every input maps to the same point.', format: (v) => v.toFixed(3) },
  { key: 'alignment', label: 'Alignment', help: 'Mean squared distance between the two views of an image (lower: views agree).', format: (v) => formatValue(v) },
  { key: 'uniformity', label: 'Uniformity', help: 'log E exp(−2‖zᵢ − zⱼ‖²) over pairs (lower: spread over the sphere).', format: (v) => formatValue(v) },
];

function CollapsePanelView({ store }: { store: RunStore }) {
  const collapse = useRun(store, (s) => s.collapse);
  const history = useRun(store, (s) => s.collapseHistory);
  const state = useRun(store, (s) => s.state);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(box);
  const theme = useTheme();

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    if (!collapse) {
      prepareCanvas(el, size.width, size.height);
      el.dataset.bars = '0';
      return;
    }
    el.dataset.bars = String(drawBars(el, collapse, size.width, size.height));
    el.dataset.step = String(collapse.step);
  }, [collapse, size, theme]);

  return (
    <PanelFrame title="Collapse" testId="collapse-panel" className="view--collapse" meta={collapse ? <code title="The embedding measured">{collapse.source}</code> : undefined}>
      {collapse?.warning && (
        <p className="view__warning" role="status">
          {collapse.warning}
        </p>
      )}
      <div ref={box} className="collapse__plot">
        <canvas ref={canvas} className="collapse__canvas" data-testid="collapse-bars" data-bars="0" role="img" aria-label="Std of each embedding dimension, sorted" />
        {!collapse && (
          <Empty>
            {state === 'idle' || state === 'compiling' || state === 'running' || state === 'paused'
              ? 'How much each embedding dimension varies across held-out samples appears here during training.'
              : 'This run had no embedding to measure (no encoder, projector or latent code).'}
          </Empty>
        )}
      </div>
      {collapse && (
        <dl className="figures">
          {FIGURES.map((f) => {
            const v = collapse[f.key];
            return (
              <div key={f.key} className="figures__item" title={f.help} data-figure={f.key} data-value={v ?? undefined}>
                <dt>{f.label}</dt>
                <dd>
                  <span className="figures__value">{v === null ? 'n/a' : f.format(v, collapse)}</span>
                  <Sparkline values={history.map((p) => p[f.key])} />
                </dd>
              </div>
            );
          })}
        </dl>
      )}
      {collapse && collapse.alignment === null && <p className="view__note">Alignment and uniformity need two augmented views of each image.</p>}
    </PanelFrame>
  );
}

export const CollapsePanel = memo(CollapsePanelView);
