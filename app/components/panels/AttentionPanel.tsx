'use client';
// What a transformer looks at: for the held-out digit under the cursor (hover
// or focus one in the gallery), one map per attention head at the chosen block,
// painted over the digit. With a CLS token the map is the attention from CLS to
// each patch; without one (MAE, I-JEPA) it is averaged over every query token.
// The worker computes the maps at each snapshot (AttentionEvent), so they change
// as the model trains; this file only draws them.
import { memo, useEffect, useRef, useState } from 'react';
import { VIRIDIS_LUT } from '../../lib/chart-math';
import { classVar } from '../../lib/theme';
import type { RunStore } from '../../lib/run-store';
import { SOFTWARE } from '../../lib/use-canvas';
import { useRun } from '../../lib/use-run';
import type { AttentionEvent } from '../../../workers/protocol';
import { Empty, PanelFrame } from './PanelFrame';
import './AttentionPanel.css';

/** One head's map over one digit: viridis by the share of attention (0 … the map's max), blended with the digit's strokes. */
export function attentionOverlay(e: AttentionEvent, digit: number, block: number, head: number): { rgba: Uint8ClampedArray<ArrayBuffer>; max: number } {
  const [h, w] = e.sampleShape;
  const c = e.sampleShape[2] ?? 1;
  const [gh, gw] = e.grid;
  const t = gh * gw;
  const off = ((digit * e.blocks + block) * e.heads + head) * t;
  let max = 0;
  for (let i = 0; i < t; i++) max = Math.max(max, e.maps[off + i]);
  const rgba = new Uint8ClampedArray(new ArrayBuffer(h * w * 4));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const cell = Math.floor((y * gh) / h) * gw + Math.floor((x * gw) / w);
      const k = Math.round((max > 0 ? e.maps[off + cell] / max : 0) * 255);
      const ink = e.pixels[((digit * h + y) * w + x) * c] / 255;
      const d = (y * w + x) * 4;
      // the heat shows through where the digit is dark; its strokes stay readable as light lines
      for (let ch = 0; ch < 3; ch++) rgba[d + ch] = Math.round(VIRIDIS_LUT[k * 3 + ch] * (1 - 0.55 * ink) + 255 * 0.55 * ink);
      rgba[d + 3] = 255;
    }
  }
  return { rgba, max };
}

function digitRgba(e: AttentionEvent, digit: number): Uint8ClampedArray<ArrayBuffer> {
  const [h, w] = e.sampleShape;
  const c = e.sampleShape[2] ?? 1;
  const rgba = new Uint8ClampedArray(new ArrayBuffer(h * w * 4));
  for (let p = 0; p < h * w; p++) {
    const v = e.pixels[(digit * h * w + p) * c];
    rgba.set([v, v, v, 255], p * 4);
  }
  return rgba;
}

function paint(canvas: HTMLCanvasElement | null, rgba: Uint8ClampedArray<ArrayBuffer>, w: number, h: number): void {
  if (!canvas) return;
  canvas.width = w;
  canvas.height = h;
  canvas.getContext('2d', SOFTWARE)?.putImageData(new ImageData(rgba, w, h), 0, 0);
}

function Thumb({ e, digit, selected, onSelect }: { e: AttentionEvent; digit: number; selected: boolean; onSelect(): void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w] = e.sampleShape;
  useEffect(() => paint(ref.current, digitRgba(e, digit), w, h), [e, digit, w, h]);
  return (
    <button type="button" className={`attention__thumb${selected ? ' is-on' : ''}`} aria-pressed={selected} aria-label={`Held-out digit ${digit + 1}, a ${e.labels[digit]}`} onMouseEnter={onSelect} onFocus={onSelect} onClick={onSelect}>
      <canvas ref={ref} className="attention__pixels" style={{ borderColor: classVar(e.labels[digit]) }} />
    </button>
  );
}

function HeadMap({ e, digit, block, head }: { e: AttentionEvent; digit: number; block: number; head: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w] = e.sampleShape;
  const [max, setMax] = useState(0);
  useEffect(() => {
    const o = attentionOverlay(e, digit, block, head);
    paint(ref.current, o.rgba, w, h);
    setMax(o.max);
  }, [e, digit, block, head, w, h]);
  return (
    <figure className="attention__head">
      <canvas ref={ref} className="attention__pixels attention__map" data-testid="attention-map" role="img" aria-label={`Head ${head + 1}: attention over the patches, brightest at ${(100 * max).toFixed(0)}%`} />
      <figcaption>
        head {head + 1} <span className="attention__max">max {(100 * max).toFixed(0)}%</span>
      </figcaption>
    </figure>
  );
}

function AttentionPanelView({ store }: { store: RunStore }) {
  const e = useRun(store, (s) => s.attention);
  const [digit, setDigit] = useState(0);
  const [block, setBlock] = useState<number | null>(null);
  const blocks = e?.blocks ?? 0;
  // the last block by default: where the representation is read out
  const b = Math.min(block ?? blocks - 1, blocks - 1);
  const d = e ? Math.min(digit, e.rows.length - 1) : 0;
  const tools = e ? (
    <label className="attention__block">
      Block
      <select className="view__select" value={b} onChange={(ev) => setBlock(Number(ev.target.value))} aria-label="Transformer block">
        {Array.from({ length: blocks }, (_, i) => (
          <option key={i} value={i}>
            {i + 1} of {blocks}
          </option>
        ))}
      </select>
    </label>
  ) : undefined;
  return (
    <PanelFrame title="Attention" testId="attention-panel" className="view--attention" meta={e ? `step ${e.step} · ${e.source}` : undefined} tools={tools}>
      {!e ? (
        <Empty>Each attention head’s map over a held-out digit appears here for graphs with a Transformer encoder.</Empty>
      ) : (
        <div className="attention" data-step={e.step} data-heads={e.heads}>
          <div className="attention__gallery" role="group" aria-label="Held-out digits (hover one)">
            {Array.from(e.rows, (_, i) => (
              <Thumb key={i} e={e} digit={i} selected={i === d} onSelect={() => setDigit(i)} />
            ))}
          </div>
          <div className="attention__heads">
            {Array.from({ length: e.heads }, (_, h) => (
              <HeadMap key={h} e={e} digit={d} block={b} head={h} />
            ))}
          </div>
        </div>
      )}
      <p className="view__note">
        {e?.query === 'mean'
          ? 'No CLS token here: each map is the attention a patch receives, averaged over every query patch. Bright = attended.'
          : 'The share of the CLS token’s attention each patch receives (the rest goes to CLS itself). Bright = attended; heads learn to look at different strokes.'}
      </p>
    </PanelFrame>
  );
}

export const AttentionPanel = memo(AttentionPanelView);
