'use client';
// The latent space: the worker projects a fixed held-out subset to 2-D (PCA,
// or UMAP on request) at one port and sends the points; this view draws them
// on a canvas, coloured by class, and shows the digit under the cursor from the
// evalset bytes. Every snapshot of the run is kept, so the scrubber can replay
// how the classes separated. Which port is plotted is chosen on the canvas.
import { memo, useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { nearestPoint } from '../../lib/chart-math';
import { classVar } from '../../lib/theme';
import type { Probe } from '../../lib/probe';
import type { RunStore } from '../../lib/run-store';
import { SOFTWARE, prepareCanvas, useElementSize } from '../../lib/use-canvas';
import { useTheme } from '../../lib/use-theme';
import { useRun } from '../../lib/use-run';
import type { EvalSetEvent, LatentEvent } from '../../../workers/protocol';
import { Empty, PanelFrame } from './PanelFrame';
import { drawScatter } from './latent-scatter';
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
  const theme = useTheme();

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
  }, [snap, size, theme]);

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
