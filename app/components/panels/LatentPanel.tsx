'use client';
// The latent space: the worker projects a fixed held-out subset to 2-D (PCA,
// or UMAP on request) at one port and sends the points; this view draws them
// on a canvas, coloured by class, and shows the digit under the cursor from the
// evalset bytes. Every snapshot of the run is kept, so the scrubber can replay
// how the classes separated. Which port is plotted is chosen on the canvas.
import { memo, useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { nearestPoint, pointBounds } from '../../lib/chart-math';
import { classVar, palette, tokens, withAlpha } from '../../lib/theme';
import type { Probe } from '../../lib/probe';
import type { RunStore } from '../../lib/run-store';
import { SOFTWARE, prepareCanvas, useElementSize } from '../../lib/use-canvas';
import { useRun } from '../../lib/use-run';
import type { EvalSetEvent, LatentEvent } from '../../../workers/protocol';
import { Empty, PanelFrame } from './PanelFrame';
import './LatentPanel.css';

export type Projection = 'pca' | 'umap';

interface LatentPanelProps {
  store: RunStore;
  /** The port chosen on the canvas (null: the representation the worker picks). */
  probe: Probe | null;
  onClearProbe(): void;
  projection: Projection;
  onProjection(p: Projection): void;
  /** For graphs with a projector head: which output is kept and which only the loss sees. */
  projectorHint: { representation: string; projector: string } | null;
}

const PAD = { left: 6, right: 6, top: 6, bottom: 20 };

function axisNames(s: LatentEvent): [string, string] {
  if (s.method === 'umap') return ['UMAP 1', 'UMAP 2'];
  if (s.explained) return [`PC 1 (${(s.explained[0] * 100).toFixed(1)}% var.)`, `PC 2 (${(s.explained[1] * 100).toFixed(1)}% var.)`];
  return ['dim 1', 'dim 2'];
}

/** Draws the scatter; returns each point's screen position for hover lookup. */
function drawScatter(canvas: HTMLCanvasElement | null, s: LatentEvent, width: number, height: number): Float32Array {
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

/** One held-out digit, drawn at its native size and scaled up by CSS. */
function SampleImage({ evalset, index }: { evalset: EvalSetEvent; index: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w, c] = [evalset.sampleShape[0] ?? 1, evalset.sampleShape[1] ?? 1, evalset.sampleShape[2] ?? 1];
  useEffect(() => {
    const px = evalset.pixels;
    const ctx = ref.current?.getContext('2d', SOFTWARE);
    if (!px || !ctx) return;
    const img = ctx.createImageData(w, h);
    const off = index * h * w * c;
    for (let p = 0; p < h * w; p++) {
      const s = off + p * c;
      img.data[p * 4] = px[s];
      img.data[p * 4 + 1] = c >= 3 ? px[s + 1] : px[s];
      img.data[p * 4 + 2] = c >= 3 ? px[s + 2] : px[s];
      img.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [evalset, index, h, w, c]);
  return <canvas ref={ref} width={w} height={h} className="latent-tip__img" data-testid="latent-tip-image" />;
}

function LatentPanelView({ store, probe, onClearProbe, projection, onProjection, projectorHint }: LatentPanelProps) {
  const runId = useRun(store, (s) => s.runId);
  const latents = useRun(store, (s) => s.latents);
  const evalset = useRun(store, (s) => s.evalset);
  const state = useRun(store, (s) => s.state);
  // null follows the newest snapshot; a number pins an earlier one
  const [pinned, setPinned] = useState<number | null>(null);
  const [hover, setHover] = useState<{ i: number; x: number; y: number } | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const screen = useRef<Float32Array>(new Float32Array(0));
  const size = useElementSize(box);

  useEffect(() => {
    setPinned(null);
    setHover(null);
  }, [runId]);

  const index = pinned === null ? latents.length - 1 : Math.min(pinned, latents.length - 1);
  const snap: LatentEvent | undefined = latents[index];

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    if (!snap) {
      prepareCanvas(el, size.width, size.height);
      screen.current = new Float32Array(0);
      el.dataset.points = '0';
      return;
    }
    screen.current = drawScatter(el, snap, size.width, size.height);
    el.dataset.points = String(screen.current.length / 2);
    el.dataset.step = String(snap.step);
    el.dataset.source = snap.source;
    el.dataset.method = snap.method;
  }, [snap, size]);

  const counts = useMemo(() => {
    const m = new Map<number, number>();
    if (snap && snap.labelled !== false) for (const l of snap.labels) m.set(l, (m.get(l) ?? 0) + 1);
    return [...m].sort((a, b) => a[0] - b[0]);
  }, [snap]);

  const onMove = (e: PointerEvent) => {
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const i = nearestPoint(screen.current, x, y, 10);
    setHover((h) => (i < 0 ? null : h && h.i === i ? h : { i, x: screen.current[2 * i], y: screen.current[2 * i + 1] }));
  };

  const running = state === 'running' || state === 'paused' || state === 'compiling';
  const waitingUmap = running && projection === 'umap' && snap?.method !== 'umap' && (snap?.points.length ?? 0) / 2 > 0;
  const probeName = probe ? `${probe.node}.${probe.port}` : null;
  const pendingProbe = !!probeName && (!snap || snap.source !== probeName);
  const hoverLabel = hover && snap ? snap.labels[hover.i] : null;
  const hasImages = !!evalset?.pixels && evalset.labels.length === (snap?.labels.length ?? -1);

  const tools = (
    <div className="seg" role="group" aria-label="Projection">
      {(['pca', 'umap'] as const).map((m) => (
        <button
          key={m}
          type="button"
          className={`seg__btn${projection === m ? ' is-on' : ''}`}
          aria-pressed={projection === m}
          onClick={() => onProjection(m)}
          title={m === 'pca' ? 'PCA: the two directions of largest variance (fast, linear)' : 'UMAP: keeps neighbourhoods, computed in the worker (slower, non-linear)'}
        >
          {m.toUpperCase()}
        </button>
      ))}
    </div>
  );

  return (
    <PanelFrame
      title="Latent space"
      testId="latent-panel"
      className="view--latent"
      tools={tools}
      meta={snap ? <code title="The tensor plotted">{snap.source}</code> : undefined}
    >
      <div className="latent__source">
        {probeName ? (
          <>
            Chosen: <code>{probeName}</code>
            {pendingProbe && <span className="latent__pending">{running ? ' (at the next step)' : ' (at the next run)'}</span>}
            <button type="button" className="link-btn" onClick={onClearProbe} title="Plot the representation the evaluation uses">
              reset
            </button>
          </>
        ) : (
          <span>Click an edge or an output port on the canvas to plot that tensor.</span>
        )}
      </div>
      {projectorHint && (
        <p className="latent__hint">
          The projector is dropped at evaluation: <code>{projectorHint.representation}</code> is the representation kept, <code>{projectorHint.projector}</code> is what the loss sees.
        </p>
      )}
      <div ref={box} className="latent__plot" onPointerMove={onMove} onPointerLeave={() => setHover(null)}>
        <canvas ref={canvas} className="latent__canvas" data-testid="latent-canvas" data-points="0" role="img" aria-label={snap ? `Latent space at step ${snap.step}: ${snap.points.length / 2} points` : 'Latent space (empty)'} />
        {!snap && (
          <Empty>
            {running
              ? 'Projecting the held-out set…'
              : state === 'idle'
                ? 'The held-out set, projected to 2-D, appears here during training.'
                : 'This run had no representation to project (no encoder or latent code, and no port chosen).'}
          </Empty>
        )}
        {waitingUmap && <span className="latent__busy">computing UMAP…</span>}
        {hover && snap && (
          <>
            <span className="latent__ring" style={{ left: hover.x, top: hover.y }} />
            <div
              className="latent-tip"
              data-testid="latent-tip"
              style={{ left: hover.x + 14 + 90 > size.width ? hover.x - 14 - 80 : hover.x + 14, top: Math.min(Math.max(0, hover.y - 30), Math.max(0, size.height - 100)) }}
            >
              {hasImages && evalset && <SampleImage evalset={evalset} index={hover.i} />}
              {snap.labelled !== false && (
                <div className="latent-tip__text">
                  <span className="swatch swatch--dot" style={{ background: classVar(hoverLabel ?? 0) }} />
                  label {hoverLabel}
                </div>
              )}
              {!hasImages && (
                <div className="latent-tip__coords">
                  ({snap.points[2 * hover.i].toFixed(2)}, {snap.points[2 * hover.i + 1].toFixed(2)})
                </div>
              )}
            </div>
          </>
        )}
      </div>
      {snap?.labelled === false && <p className="latent__hint" data-testid="latent-unlabelled">No labels in this dataset: the points are not coloured by class.</p>}
      {counts.length > 0 && (
        <ul className="legend" aria-label="Classes">
          {counts.map(([label, count]) => (
            <li key={label} title={`${count} points`}>
              <span className="swatch swatch--dot" style={{ background: classVar(label) }} />
              {label}
            </li>
          ))}
        </ul>
      )}
      {latents.length > 0 && (
        <div className="scrubber">
          <input
            type="range"
            min={0}
            max={Math.max(0, latents.length - 1)}
            step={1}
            value={Math.max(0, index)}
            onChange={(e) => {
              const v = Number(e.target.value);
              setPinned(v >= latents.length - 1 ? null : v);
            }}
            aria-label="Snapshot"
            aria-valuetext={snap ? `step ${snap.step}` : undefined}
            data-testid="latent-scrubber"
          />
          <span className="scrubber__text">
            step {snap?.step ?? 0} · {index + 1}/{latents.length}
          </span>
          {pinned === null ? (
            <span className="scrubber__live" title="Following the newest snapshot">
              live
            </span>
          ) : (
            <button type="button" className="link-btn" onClick={() => setPinned(null)}>
              live
            </button>
          )}
        </div>
      )}
    </PanelFrame>
  );
}

export const LatentPanel = memo(LatentPanelView);
