'use client';
// Image rows from the worker (inputs, noisy inputs, reconstructions), one
// canvas per row. Pixels arrive as bytes, are expanded to RGBA once, and are
// scaled up by CSS with nearest-neighbour sampling so a 28×28 digit stays sharp.
import { memo, useEffect, useRef } from 'react';
import type { ImageRow, ImagesEvent } from '../../workers/protocol';

const GAP = 1;
const GAP_RGB = [15, 19, 28];

/** [n, h, w, c] bytes -> one RGBA strip with the images side by side. */
export function rowToRgba(row: ImageRow): { width: number; height: number; rgba: Uint8ClampedArray<ArrayBuffer> } {
  const { n, height: h, width: w, channels: c, pixels } = row;
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

const RowCanvas = memo(function RowCanvas({ row }: { row: ImageRow }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const width = row.n * row.width + Math.max(0, row.n - 1) * GAP;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || row.n === 0) return;
    const { width: w, height: h, rgba } = rowToRgba(row);
    ctx.putImageData(new ImageData(rgba, w, h), 0, 0);
  }, [row]);
  return (
    <canvas
      ref={ref}
      className="image-grid__canvas"
      width={Math.max(1, width)}
      height={Math.max(1, row.height)}
      style={{ maxWidth: `${width * 3}px`, aspectRatio: `${Math.max(1, width)} / ${Math.max(1, row.height)}` }}
      role="img"
      aria-label={`${row.label}: ${row.n} image${row.n === 1 ? '' : 's'}`}
    />
  );
});

export function ImageGrid({ images }: { images: ImagesEvent | null }) {
  return (
    <div className="image-grid" data-testid="image-grid" data-step={images?.step}>
      <div className="loss__head">
        <h3 className="panel__h">Images</h3>
        {images && <span className="image-grid__step">step {images.step}</span>}
      </div>
      {!images || images.rows.length === 0 ? (
        <p className="image-grid__empty">Samples and reconstructions appear here during training.</p>
      ) : (
        images.rows.map((r) => (
          <figure key={`${r.nodeId}.${r.port}`} className="image-grid__row">
            <figcaption>{r.label}</figcaption>
            <RowCanvas row={r} />
          </figure>
        ))
      )}
    </div>
  );
}
