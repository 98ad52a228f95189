'use client';
// A 2-D latent snapshot as a scatter of the held-out digits, coloured by class;
// and a collapse monitor: the per-dimension spread of the embedding, sorted.
// Plain canvas: a few thousand points, redrawn when the scrubbed step changes.
import { useEffect, useRef } from 'react';
import { CLASS_COLORS } from '../../lib/runs/compare';
import type { CollapsePoint, LatentSnapshot } from '../../lib/runs/record';

function setup(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const dpr = Math.min(2, typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1);
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  // an opaque background, so the canvas exports (PNG) the way it looks
  ctx.fillStyle = '#0b0f17';
  ctx.fillRect(0, 0, width, height);
  return ctx;
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

export function LatentPlot({ snapshot, size = 260, label }: { snapshot: LatentSnapshot | null; size?: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const ctx = setup(c, size, size);
    if (!ctx) return;
    ctx.strokeStyle = '#232c3d';
    ctx.strokeRect(0.5, 0.5, size - 1, size - 1);
    if (!snapshot) {
      ctx.fillStyle = '#5d6679';
      ctx.font = '12px system-ui';
      ctx.textAlign = 'center';
      ctx.fillText('no snapshot at or before this step', size / 2, size / 2);
      return;
    }
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
    ctx.globalAlpha = 0.8;
    for (let i = 0; i < snapshot.labels.length; i++) {
      ctx.fillStyle = CLASS_COLORS[snapshot.labels[i] % CLASS_COLORS.length];
      ctx.fillRect(sx(xs[i]) - 1.5, sy(ys[i]) - 1.5, 3, 3);
    }
    ctx.globalAlpha = 1;
  }, [snapshot, size]);
  return <canvas ref={ref} className="cmp-latent__canvas" role="img" aria-label={label} data-step={snapshot?.step ?? ''} data-points={snapshot?.labels.length ?? 0} />;
}

export function CollapseBars({ point, width = 260, height = 110, label }: { point: CollapsePoint | null; width?: number; height?: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const ctx = setup(c, width, height);
    if (!ctx) return;
    ctx.strokeStyle = '#232c3d';
    ctx.strokeRect(0.5, 0.5, width - 1, height - 1);
    const std = (point?.perDimStd ?? []).filter((v): v is number => v !== null).sort((a, b) => b - a);
    if (std.length === 0) {
      ctx.fillStyle = '#5d6679';
      ctx.font = '12px system-ui';
      ctx.textAlign = 'center';
      ctx.fillText('no collapse monitor at or before this step', width / 2, height / 2);
      return;
    }
    // A spread-out L2-normalised embedding has std ≈ 1/√d in every dimension: the dashed line.
    const ideal = 1 / Math.sqrt(std.length);
    const top = Math.max(std[0], ideal) * 1.1;
    const m = 6;
    const h = height - 2 * m;
    const bw = (width - 2 * m) / std.length;
    ctx.fillStyle = point?.warning ? '#f87171' : '#7c9cff';
    std.forEach((v, i) => {
      const bh = (v / top) * h;
      ctx.fillRect(m + i * bw, height - m - bh, Math.max(1, bw - (bw > 3 ? 1 : 0)), bh);
    });
    const y = height - m - (ideal / top) * h;
    ctx.strokeStyle = '#34d399';
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(m, y);
    ctx.lineTo(width - m, y);
    ctx.stroke();
    ctx.setLineDash([]);
  }, [point, width, height]);
  return <canvas ref={ref} className="cmp-collapse__canvas" role="img" aria-label={label} data-step={point?.step ?? ''} />;
}
