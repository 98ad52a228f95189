'use client';
// Per-term loss curves. uPlot draws thousands of points cheaply, but a fast
// backend logs faster than anyone can read, so redraws are capped at ~10/s
// and aligned to animation frames. The point count and the latest values are
// also written to the DOM, for people reading numbers and for tests.
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import type { RunStore } from '../lib/run-store';

const COLORS = ['#60a5fa', '#f472b6', '#34d399', '#fbbf24', '#a78bfa', '#f87171', '#2dd4bf', '#fb923c', '#e879f9', '#a3e635'];
const MIN_REDRAW_MS = 100;
const HEIGHT = 180;

interface LossChartProps {
  store: RunStore;
  runId: number;
  seriesVersion: number;
  latest: Record<string, number>;
  labelFor(key: string): string;
}

export function formatLoss(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(3);
  return v.toPrecision(4);
}

function firstValue(store: RunStore, key: string): number | undefined {
  return store.series.columns.get(key)?.find((v): v is number => v !== null);
}

export function LossChart({ store, runId, seriesVersion, latest, labelFor }: LossChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const plotKeys = useRef('');
  const lastDraw = useRef(0);
  const pending = useRef<{ timer?: number; frame?: number } | null>(null);
  const [logY, setLogY] = useState(false);
  const labelRef = useRef(labelFor);
  labelRef.current = labelFor;

  const points = store.series.length;
  const keys = store.series.keys;
  const canLog = keys.length > 0 && keys.every((k) => store.series.columns.get(k)!.every((v) => v === null || v > 0));
  const useLog = logY && canLog;

  const want = useRef({ runId, useLog });
  want.current = { runId, useLog };

  // Draws whatever the series holds when the frame comes; a draw already scheduled is not
  // rescheduled, so a stream of updates faster than the cap cannot starve the chart.
  const draw = () => {
    pending.current = null;
    lastDraw.current = performance.now();
    const el = box.current;
    if (!el) return;
    const s = store.series;
    if (s.length === 0) {
      plot.current?.destroy();
      plot.current = null;
      plotKeys.current = '';
      el.dataset.points = '0';
      return;
    }
    const { runId: rid, useLog: log } = want.current;
    const sig = JSON.stringify([rid, s.keys, log]);
    const data: uPlot.AlignedData = [s.steps, ...s.keys.map((k) => s.columns.get(k)!)];
    if (!plot.current || plotKeys.current !== sig) {
      plot.current?.destroy();
      const axis = { stroke: '#8b93a7', grid: { stroke: 'rgba(148,163,184,0.08)' }, ticks: { stroke: 'rgba(148,163,184,0.15)' }, font: '11px system-ui' };
      const opts: uPlot.Options = {
        width: Math.max(200, el.clientWidth),
        height: HEIGHT,
        scales: { x: { time: false }, y: log ? { distr: 3 } : {} },
        legend: { show: false },
        cursor: { drag: { x: true, y: false } },
        axes: [
          { ...axis, label: 'step', labelSize: 14, labelFont: '11px system-ui' },
          { ...axis, size: 50, space: 24 },
        ],
        series: [
          { label: 'step' },
          ...s.keys.map((k, i) => ({
            label: labelRef.current(k),
            stroke: COLORS[i % COLORS.length],
            width: 1.75,
            spanGaps: true,
            points: { show: s.length < 40, size: 4 },
            value: (_u: uPlot, v: number | null) => (v == null ? '–' : formatLoss(v)),
          })),
        ],
      };
      plot.current = new uPlot(opts, data, el.querySelector<HTMLDivElement>('.loss-chart__plot')!);
      plotKeys.current = sig;
    } else {
      plot.current.setData(data);
    }
    el.dataset.points = String(s.length);
  };
  const drawRef = useRef(draw);
  drawRef.current = draw;

  useEffect(() => {
    if (pending.current !== null) return;
    const wait = Math.max(0, MIN_REDRAW_MS - (performance.now() - lastDraw.current));
    const p: { timer?: number; frame?: number } = {};
    pending.current = p;
    p.timer = window.setTimeout(() => {
      p.frame = requestAnimationFrame(() => drawRef.current());
    }, wait);
  }, [store, runId, seriesVersion, useLog]);

  // Track the panel width; uPlot draws at a fixed pixel size.
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(
    () => () => {
      const p = pending.current;
      if (p?.timer !== undefined) clearTimeout(p.timer);
      if (p?.frame !== undefined) cancelAnimationFrame(p.frame);
      pending.current = null;
      plot.current?.destroy();
      plot.current = null;
    },
    [],
  );

  const latestKeys = Object.keys(latest);
  return (
    <div className="loss">
      <div className="loss__head">
        <h3 className="panel__h">Loss</h3>
        <label className={`loss__log${canLog ? '' : ' is-disabled'}`} title={canLog ? 'Logarithmic loss axis' : 'A log axis needs every value above zero'}>
          <input type="checkbox" checked={useLog} disabled={!canLog} onChange={(e) => setLogY(e.target.checked)} /> log
        </label>
      </div>
      <div ref={box} className="loss-chart" data-testid="loss-chart" data-points="0">
        <div className="loss-chart__plot" />
        {points === 0 && <p className="loss-chart__empty">Loss curves appear here once training logs its first step.</p>}
      </div>
      {latestKeys.length > 0 && (
        <table className="loss-latest" data-testid="loss-latest" aria-label="Latest loss values">
          <tbody>
            {latestKeys.map((k, i) => (
              <tr key={k} data-key={k} data-first={firstValue(store, k)} data-last={latest[k]}>
                <td>
                  <span className="swatch" style={{ background: COLORS[i % COLORS.length] }} />
                  {labelFor(k)}
                </td>
                <td className="num">{formatLoss(latest[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
