'use client';
// Image rows from the worker (inputs, noisy inputs, augmented views,
// reconstructions, prior samples, an interpolation strip), one canvas per row.
// Rows of the two augmented views of the same digits sit side by side, so a
// student sees what "two views of one image" means. Pixels arrive as bytes,
// are expanded to RGBA once, and are scaled up by CSS with nearest-neighbour
// sampling so a 28×28 digit stays sharp.
import { memo, useEffect, useRef } from 'react';
import type { RunStore } from '../../lib/run-store';
import { parseColor, token } from '../../lib/theme';
import { SOFTWARE } from '../../lib/use-canvas';
import { useRun } from '../../lib/use-run';
import type { ImageRow } from '../../../workers/protocol';
import { Empty, PanelFrame } from './PanelFrame';
import './ImagesPanel.css';
import { useTheme } from '../../lib/use-theme';

const GAP = 1;

/** [n, h, w, c] bytes -> one RGBA strip with the images side by side. */
export function rowToRgba(row: ImageRow): { width: number; height: number; rgba: Uint8ClampedArray<ArrayBuffer> } {
  const { n, height: h, width: w, channels: c, pixels } = row;
  // the gaps between images take the image background token (black where there is no page)
  const GAP_RGB = parseColor(token('image-bg')) ?? [0, 0, 0];
  const width = n * w + Math.max(0, n - 1) * GAP;
  const rgba = new Uint8ClampedArray(new ArrayBuffer(width * h * 4));
  for (let p = 0; p < width * h; p++) {
    rgba[p * 4] = GAP_RGB[0];
    rgba[p * 4 + 1] = GAP_RGB[1];
    rgba[p * 4 + 2] = GAP_RGB[2];
    rgba[p * 4 + 3] = 255;
  }
  for (let i = 0; i < n; i++) {
    const x0 = i * (w + GAP);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const s = ((i * h + y) * w + x) * c;
        const d = (y * width + x0 + x) * 4;
        if (c === 1 || c === 2) {
          const v = pixels[s];
          rgba[d] = v;
          rgba[d + 1] = v;
          rgba[d + 2] = v;
          rgba[d + 3] = c === 2 ? pixels[s + 1] : 255;
        } else {
          rgba[d] = pixels[s];
          rgba[d + 1] = pixels[s + 1];
          rgba[d + 2] = pixels[s + 2];
          rgba[d + 3] = c >= 4 ? pixels[s + 3] : 255;
        }
      }
    }
  }
  return { width, height: h, rgba };
}

const VIEW = /^(.*) \(view (\d+)\)$/;

export type RowGroup = { kind: 'row'; row: ImageRow } | { kind: 'views'; label: string; rows: { view: number; row: ImageRow }[] };

/** Consecutive "X (view 1)", "X (view 2)" rows become one group shown side by side. */
export function groupRows(rows: readonly ImageRow[]): RowGroup[] {
  const out: RowGroup[] = [];
  for (const row of rows) {
    const m = VIEW.exec(row.label);
    const last = out[out.length - 1];
    if (m && last?.kind === 'views' && last.label === m[1]) last.rows.push({ view: Number(m[2]), row });
    else if (m) out.push({ kind: 'views', label: m[1], rows: [{ view: Number(m[2]), row }] });
    else out.push({ kind: 'row', row });
  }
  return out;
}

const RowCanvas = memo(function RowCanvas({ row, label }: { row: ImageRow; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useTheme();
  const width = row.n * row.width + Math.max(0, row.n - 1) * GAP;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d', SOFTWARE);
    if (!ctx || row.n === 0) return;
    const { width: w, height: h, rgba } = rowToRgba(row);
    ctx.putImageData(new ImageData(rgba, w, h), 0, 0);
  }, [row, theme]);
  return (
    <canvas
      ref={ref}
      className="image-grid__canvas"
      width={Math.max(1, width)}
      height={Math.max(1, row.height)}
      style={{ maxWidth: `${width * 3}px`, aspectRatio: `${Math.max(1, width)} / ${Math.max(1, row.height)}` }}
      role="img"
      aria-label={`${label}: ${row.n} image${row.n === 1 ? '' : 's'}`}
      data-images={row.n}
    />
  );
});

function ImagesPanelView({ store }: { store: RunStore }) {
  const images = useRun(store, (s) => s.images);
  const rows = images?.rows ?? [];
  const groups = groupRows(rows);
  return (
    <PanelFrame title="Images" testId="images-panel" className="view--images" meta={images ? `step ${images.step}` : undefined}>
      <div className="image-grid" data-testid="image-grid" data-step={images?.step} data-rows={rows.length}>
        {rows.length === 0 ? (
          <Empty>{images ? 'This graph produces no images (its data are points).' : 'Inputs, augmented views, reconstructions and samples appear here during training.'}</Empty>
        ) : (
          groups.map((g, i) =>
            g.kind === 'row' ? (
              <figure key={`${i}:${g.row.label}`} className="image-grid__row">
                <figcaption>{g.row.label}</figcaption>
                <RowCanvas row={g.row} label={g.row.label} />
              </figure>
            ) : (
              <div key={`${i}:${g.label}`} className="image-grid__views" role="group" aria-label={`${g.label}, views side by side`}>
                {g.rows.map(({ view, row }) => (
                  <figure key={view} className="image-grid__row">
                    <figcaption>
                      {g.label} <span className="image-grid__view">view {view}</span>
                    </figcaption>
                    <RowCanvas row={row} label={row.label} />
                  </figure>
                ))}
              </div>
            ),
          )
        )}
      </div>
    </PanelFrame>
  );
}

export const ImagesPanel = memo(ImagesPanelView);
