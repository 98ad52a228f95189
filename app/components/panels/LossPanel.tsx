'use client';
// Loss curves: every loss term and the per-phase totals in one chart, the
// gradient norm or the learning rate in a small one below (their scales have
// nothing to do with the losses'). Smoothing is TensorBoard's de-biased EMA,
// drawn over the faint raw curve. The table under the charts doubles as the
// legend (click a swatch to hide a curve) and as the hover read-out.
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { formatValue } from '../../lib/format';
import type { LossSeries, RunStore } from '../../lib/run-store';
import { paletteVar } from '../../lib/theme';
import { useElementSize } from '../../lib/use-canvas';
import { isBoolean, isNumber, oneOf, usePersisted } from '../../lib/use-persisted';
import { useRun } from '../../lib/use-run';
import { Empty, PanelFrame } from './PanelFrame';
import { SeriesChart, type ChartSpec } from './series-chart';
import './LossPanel.css';
import { useTheme } from '../../lib/use-theme';


interface LossPanelProps {
  store: RunStore;
  labelFor(key: string): string;
}

function allPositive(series: LossSeries, keys: string[]): boolean {
  return keys.length > 0 && keys.every((k) => (series.columns.get(k) ?? []).every((v) => v === null || v > 0));
}

function firstValue(series: LossSeries, key: string): number | undefined {
  return series.columns.get(key)?.find((v): v is number => v !== null);
}

function auxLabel(key: string): string {
  if (key === 'lr') return 'learning rate';
  const phase = key.slice(5);
  return phase === 'main' ? 'gradient norm' : `gradient norm (${phase})`;
}

function LossPanelView({ store, labelFor }: LossPanelProps) {
  const runId = useRun(store, (s) => s.runId);
  const version = useRun(store, (s) => s.seriesVersion);
  const latest = useRun(store, (s) => s.latest);
  const [smoothing, setSmoothing] = usePersisted('loss.smoothing', 0.6, isNumber);
  const [logY, setLogY] = usePersisted('loss.log', false, isBoolean);
  const [xMode, setXMode] = usePersisted('loss.x', 'step' as 'step' | 'time', oneOf('step', 'time'));
  const [auxMode, setAuxMode] = usePersisted('loss.aux', 'norm' as 'norm' | 'lr', oneOf('norm', 'lr'));
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());

  const mainBox = useRef<HTMLDivElement>(null);
  const mainHost = useRef<HTMLDivElement>(null);
  const auxBox = useRef<HTMLDivElement>(null);
  const auxHost = useRef<HTMLDivElement>(null);
  const table = useRef<HTMLTableElement>(null);
  const readout = useRef<HTMLSpanElement>(null);
  const mainSize = useElementSize(mainBox);
  const theme = useTheme();
  const auxSize = useElementSize(auxBox);

  const series = store.series;
  const aux = store.aux;
  const keys = series.keys;
  const visible = keys.filter((k) => !hidden.has(k));
  const canLog = allPositive(series, visible);
  const useLog = logY && canLog;
  const auxKeys = aux.keys.filter((k) => (auxMode === 'lr' ? k === 'lr' : k.startsWith('norm:')));

  // Hover writes straight into the table: a React render per mouse move would be wasted work.
  const hover = useRef<(i: number | null) => void>(() => undefined);
  hover.current = (i) => {
    const t = table.current;
    const s = store.series;
    if (!t) return;
    t.classList.toggle('is-hovering', i !== null);
    for (const cell of t.querySelectorAll<HTMLElement>('[data-hover]')) {
      const v = i === null ? null : s.columns.get(cell.dataset.hover!)?.[i];
      cell.textContent = i === null ? '' : formatValue(v ?? null);
    }
    if (readout.current) readout.current.textContent = i === null ? '' : `step ${s.steps[i]} · ${s.seconds[i].toFixed(1)} s`;
  };

  const charts = useRef<{ main: SeriesChart; aux: SeriesChart } | null>(null);
  useEffect(() => {
    if (!mainHost.current || !auxHost.current) return;
    const c = { main: new SeriesChart(mainHost.current, (i) => hover.current(i)), aux: new SeriesChart(auxHost.current, (i) => hover.current(i)) };
    charts.current = c;
    return () => {
      c.main.destroy();
      c.aux.destroy();
      charts.current = null;
    };
  }, []);

  const colorOf = useMemo(() => (k: string) => paletteVar('series', Math.max(0, keys.indexOf(k))), [keys]);
  const visibleKey = visible.join('\n');
  const auxKey = auxKeys.join('\n');

  // Runs after every store publish that grew the series (at most ~10 a second).
  useEffect(() => {
    const c = charts.current;
    if (!c) return;
    const spec: ChartSpec = { keys: visible, colors: visible.map(colorOf), labels: visible.map(labelFor), log: useLog, x: xMode, smoothing, theme };
    c.main.draw(series, spec, mainSize.width, mainSize.height);
    c.aux.draw(aux, { keys: auxKeys, colors: auxKeys.map((_, i) => paletteVar('aux', i)), labels: auxKeys.map(auxLabel), log: false, x: xMode, smoothing: 0, compact: true, theme }, auxSize.width, auxSize.height);
    const box = mainBox.current;
    if (box) {
      box.dataset.points = String(series.length);
      box.dataset.series = String(series.length > 0 ? visible.length : 0);
      box.dataset.drawn = String(c.main.drawn);
    }
    if (auxBox.current) auxBox.current.dataset.series = String(aux.length > 0 ? auxKeys.length : 0);
    // `visible` and `auxKeys` are rebuilt every render; their joined forms are the real dependencies
  }, [series, aux, version, runId, visibleKey, auxKey, useLog, xMode, smoothing, labelFor, colorOf, mainSize, auxSize, theme]);

  const latestKeys = Object.keys(latest);
  const auxLatest = auxKeys.map((k) => aux.columns.get(k)?.[aux.length - 1]);
  const points = series.length;

  const tools = (
    <>
      <label className="view__tool" title="Exponential moving average with de-biasing (TensorBoard's smoothing); the raw values stay drawn faintly">
        <span>smooth</span>
        <input type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} aria-label="Smoothing" />
        <span className="view__num">{smoothing.toFixed(2)}</span>
      </label>
      <label className={`view__tool${canLog ? '' : ' is-disabled'}`} title={canLog ? 'Logarithmic loss axis' : 'A log axis needs every shown value above zero'}>
        <input type="checkbox" checked={useLog} disabled={!canLog} onChange={(e) => setLogY(e.target.checked)} /> log
      </label>
      <select className="input-sm view__select" value={xMode} onChange={(e) => setXMode(e.target.value as 'step' | 'time')} aria-label="x axis" title="x axis: optimizer steps or seconds since the start">
        <option value="step">steps</option>
        <option value="time">seconds</option>
      </select>
    </>
  );

  return (
    <PanelFrame title="Loss" testId="loss-panel" className="view--loss" tools={tools} meta={<span ref={readout} className="view__readout" />}>
      <div ref={mainBox} className="loss-chart" data-testid="loss-chart" data-points="0" data-series="0">
        <div ref={mainHost} className="loss-chart__plot" />
        {points === 0 && <Empty>Loss curves appear here once training logs its first step.</Empty>}
      </div>
      <div className="loss-aux">
        <div className="loss-aux__head">
          <select className="input-sm view__select" value={auxMode} onChange={(e) => setAuxMode(e.target.value as 'norm' | 'lr')} aria-label="Second chart">
            <option value="norm">gradient norm</option>
            <option value="lr">learning rate</option>
          </select>
          <span className="loss-aux__latest">
            {auxKeys.map((k, i) => (
              <span key={k}>
                <span className="swatch" style={{ background: paletteVar('aux', i) }} />
                {auxLabel(k)} {formatValue(auxLatest[i] ?? null)}
              </span>
            ))}
          </span>
        </div>
        <div ref={auxBox} className="loss-aux__chart" data-testid="aux-chart" data-series="0">
          <div ref={auxHost} className="loss-chart__plot" />
          {points > 0 && auxKeys.length === 0 && <Empty>No gradients: this graph learns without them (e.g. K-means by EM).</Empty>}
        </div>
      </div>
      {latestKeys.length > 0 && (
        <table ref={table} className="loss-latest" data-testid="loss-latest" aria-label="Latest loss values">
          <tbody>
            {latestKeys.map((k) => {
              const off = hidden.has(k);
              return (
                <tr key={k} data-key={k} data-first={firstValue(series, k)} data-last={latest[k]} className={off ? 'is-off' : ''}>
                  <td>
                    <button
                      type="button"
                      className="legend-btn"
                      aria-pressed={!off}
                      title={off ? 'Show this curve' : 'Hide this curve'}
                      onClick={() => {
                        const next = new Set(hidden);
                        if (off) next.delete(k);
                        else next.add(k);
                        setHidden(next);
                      }}
                    >
                      <span className="swatch" style={{ background: colorOf(k) }} />
                      {labelFor(k)}
                    </button>
                  </td>
                  <td className="num">
                    <span className="num__latest">{formatValue(latest[k])}</span>
                    <span className="num__hover" data-hover={k} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </PanelFrame>
  );
}

export const LossPanel = memo(LossPanelView);
