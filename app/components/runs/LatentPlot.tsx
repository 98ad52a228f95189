'use client';
// A 2-D latent snapshot as a scatter of the held-out digits, coloured by class;
// and a collapse monitor: the per-dimension spread of the embedding, sorted.
// Plain canvas: a few thousand points, redrawn when the scrubbed step changes.
// Each canvas is handed to `onCanvas`, so the compare view's PNG export takes
// it by reference.
import { useCallback, useEffect, useRef } from 'react';
import type { CollapsePoint, LatentSnapshot } from '../../lib/runs/record';
import { palette, tokens } from '../../lib/theme';
import { prepareCanvas } from '../../lib/use-canvas';
import { useTheme } from '../../lib/use-theme';

type OnCanvas = (canvas: HTMLCanvasElement | null) => void;

/** Sizes the canvas, paints an opaque background (so the PNG export looks like the page) and a frame; says `empty` when there is nothing to draw. */
function frame(canvas: HTMLCanvasElement | null, width: number, height: number, empty: string | null) {
  const ctx = prepareCanvas(canvas, width, height);
  if (!ctx) return null;
  const t = tokens({ bg: 'bg', border: 'border', faint: 'faint', accent: 'accent', danger: 'danger', ok: 'ok' });
  ctx.fillStyle = t.bg;
  ctx.fillRect(0, 0, width, height);
  ctx.strokeStyle = t.border;
  ctx.strokeRect(0.5, 0.5, width - 1, height - 1);
  if (empty) {
    ctx.fillStyle = t.faint;
    ctx.font = '12px system-ui';
    ctx.textAlign = 'center';
    ctx.fillText(empty, width / 2, height / 2);
    return null;
  }
  return { ctx, t };
}

/** A ref callback that keeps the canvas for drawing and reports it to the owner. */
function useCanvasRef(onCanvas: OnCanvas | undefined) {
  const ref = useRef<HTMLCanvasElement | null>(null);
  const set = useCallback(
    (c: HTMLCanvasElement | null) => {
      ref.current = c;
      onCanvas?.(c);
    },
    [onCanvas],
  );
  return [ref, set] as const;
}

/** Robust extent: the 1st–99th percentile, so one outlier does not squash the cloud. */
function extent(values: number[]): [number, number] {
  if (values.length === 0) return [-1, 1];
  const s = [...values].sort((a, b) => a - b);
  const lo = s[Math.floor(0.01 * (s.length - 1))];
  const hi = s[Math.ceil(0.99 * (s.length - 1))];
  const pad = (hi - lo || 1) * 0.08;
  return [lo - pad, hi + pad];
}

export function LatentPlot({ snapshot, size = 260, label, onCanvas }: { snapshot: LatentSnapshot | null; size?: number; label: string; onCanvas?: OnCanvas }) {
  const [ref, setRef] = useCanvasRef(onCanvas);
  const theme = useTheme();
  useEffect(() => {
    const f = frame(ref.current, size, size, snapshot ? null : 'no snapshot at or before this step');
    if (!f || !snapshot) return;
    const { ctx } = f;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < snapshot.labels.length; i++) {
      xs.push(snapshot.points[2 * i]);
      ys.push(snapshot.points[2 * i + 1]);
    }
    const [x0, x1] = extent(xs);
    const [y0, y1] = extent(ys);
    const m = 6;
    const sx = (v: number) => m + ((v - x0) / (x1 - x0)) * (size - 2 * m);
    const sy = (v: number) => size - m - ((v - y0) / (y1 - y0)) * (size - 2 * m);
    const classes = palette('class');
    ctx.globalAlpha = 0.8;
    for (let i = 0; i < snapshot.labels.length; i++) {
      ctx.fillStyle = classes[snapshot.labels[i] % classes.length];
      ctx.fillRect(sx(xs[i]) - 1.5, sy(ys[i]) - 1.5, 3, 3);
    }
    ctx.globalAlpha = 1;
  }, [ref, snapshot, size, theme]);
  return <canvas ref={setRef} className="cmp-latent__canvas" role="img" aria-label={label} data-step={snapshot?.step ?? ''} data-points={snapshot?.labels.length ?? 0} />;
}

export function CollapseBars({ point, width = 260, height = 110, label, onCanvas }: { point: CollapsePoint | null; width?: number; height?: number; label: string; onCanvas?: OnCanvas }) {
  const [ref, setRef] = useCanvasRef(onCanvas);
  useEffect(() => {
    const std = (point?.perDimStd ?? []).filter((v): v is number => v !== null).sort((a, b) => b - a);
    const f = frame(ref.current, width, height, std.length ? null : 'no collapse monitor at or before this step');
    if (!f) return;
    const { ctx, t } = f;
    // A spread-out L2-normalised embedding has std ≈ 1/√d in every dimension: the dashed line.
    const ideal = 1 / Math.sqrt(std.length);
    const top = Math.max(std[0], ideal) * 1.1;
    const m = 6;
    const h = height - 2 * m;
    const bw = (width - 2 * m) / std.length;
    ctx.fillStyle = point?.warning ? t.danger : t.accent;
    std.forEach((v, i) => {
      const bh = (v / top) * h;
      ctx.fillRect(m + i * bw, height - m - bh, Math.max(1, bw - (bw > 3 ? 1 : 0)), bh);
    });
    const y = height - m - (ideal / top) * h;
    ctx.strokeStyle = t.ok;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(m, y);
    ctx.lineTo(width - m, y);
    ctx.stroke();
    ctx.setLineDash([]);
  }, [ref, point, width, height]);
  return <canvas ref={setRef} className="cmp-collapse__canvas" role="img" aria-label={label} data-step={point?.step ?? ''} />;
}
