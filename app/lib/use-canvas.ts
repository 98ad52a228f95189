'use client';
// Canvas plumbing shared by the views: track an element's CSS size and size a
// canvas's backing store to it at the device pixel ratio, so drawings stay
// sharp on HiDPI screens and follow the panel when it is enlarged.
import { useEffect, useState, type RefObject } from 'react';
import type { Size } from './graph-store';

/** The element's content-box size in CSS pixels (0 × 0 until measured). */
export function useElementSize(ref: RefObject<HTMLElement | null>): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const width = Math.floor(el.clientWidth);
      const height = Math.floor(el.clientHeight);
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/**
 * The views' canvases are small and redrawn whole; a CPU-backed canvas draws them
 * without round trips to the GPU process, which on a software GPU (SwiftShader) or a
 * busy one can block the main thread for longer than the drawing itself.
 */
export const SOFTWARE: CanvasRenderingContext2DSettings = { willReadFrequently: true };

/**
 * Sizes the canvas's backing store to width × height CSS pixels at the device pixel
 * ratio and returns a context scaled so drawing code works in CSS pixels; null when
 * there is nothing to draw on yet.
 */
export function prepareCanvas(canvas: HTMLCanvasElement | null, width: number, height: number): CanvasRenderingContext2D | null {
  if (!canvas || width <= 0 || height <= 0) return null;
  const dpr = Math.min(2, typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1);
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d', SOFTWARE);
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}
