// The compare view as one PNG: the charts and plots are already canvases
// (uPlot draws into one, the latent plots and collapse bars are ours), so they
// are composited onto a single canvas with their titles, the legend, the
// results table and the graph differences drawn as text. No dependency, no
// DOM-to-image trickery: every canvas here is same-origin and untainted.
// Colours are the page's design tokens, read when the PNG is drawn.
import { resolveColor, tokens } from '../../lib/theme';

export interface PngBlock {
  title: string;
  canvas: HTMLCanvasElement | null;
}

export interface PngTable {
  title: string;
  head: string[];
  rows: string[][];
  /** Per row, the colour of its swatch (runs), or null. */
  colors?: (string | null)[];
}

export interface PngLayout {
  title: string;
  subtitle: string;
  legend: { label: string; color: string }[];
  charts: PngBlock[];
  latents: PngBlock[];
  latentTitle: string;
  /** Drawn full width at the top of the collapse section. */
  rankChart: PngBlock | null;
  collapses: PngBlock[];
  collapseTitle: string;
  tables: PngTable[];
}

const W = 1600;
const M = 28;
const GAP = 20;
/** The token colours a PNG is drawn with (read once per export). */
let C = { bg: '', card: '', text: '', muted: '', rule: '' };
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';

function fitText(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(t + '…').width > max) t = t.slice(0, -1);
  return t + '…';
}

/** Height a row of blocks takes when `count` blocks share the width (each keeps its aspect). */
function rowGeometry(blocks: PngBlock[], maxWidth: number) {
  const n = Math.max(1, blocks.length);
  const w = Math.min(maxWidth, (W - 2 * M - (n - 1) * GAP) / n);
  const h = Math.max(
    0,
    ...blocks.map((b) => {
      const c = b.canvas;
      return c && c.width > 0 ? (w * c.height) / c.width : 0;
    }),
  );
  return { w, h };
}

function tableHeight(t: PngTable): number {
  return 30 + 26 * (t.rows.length + 1) + 10;
}

const HEADER = 84;
const CHART_MAX = 900;
const PLOT_MAX = 480;

export function layoutHeight(l: PngLayout): number {
  let h = M + HEADER;
  if (l.charts.length) h += 24 + rowGeometry(l.charts, CHART_MAX).h + GAP;
  if (l.latents.length) h += 30 + 24 + rowGeometry(l.latents, PLOT_MAX).h + GAP;
  if (l.collapses.length || l.rankChart) h += 30;
  if (l.rankChart) h += 24 + rowGeometry([l.rankChart], W - 2 * M).h + GAP;
  if (l.collapses.length) h += 24 + rowGeometry(l.collapses, PLOT_MAX).h + GAP;
  for (const t of l.tables) h += tableHeight(t) + GAP;
  return h + M;
}

function drawRow(ctx: CanvasRenderingContext2D, blocks: PngBlock[], y: number, maxWidth: number): number {
  const { w, h } = rowGeometry(blocks, maxWidth);
  blocks.forEach((b, i) => {
    const x = M + i * (w + GAP);
    ctx.fillStyle = C.text;
    ctx.font = `600 14px ${FONT}`;
    ctx.fillText(fitText(ctx, b.title, w), x, y + 16);
    if (b.canvas && b.canvas.width > 0) {
      ctx.fillStyle = C.card;
      ctx.fillRect(x, y + 24, w, h);
      ctx.drawImage(b.canvas, x, y + 24, w, (w * b.canvas.height) / b.canvas.width);
    }
  });
  return y + 24 + h + GAP;
}

function drawTable(ctx: CanvasRenderingContext2D, t: PngTable, y: number): number {
  ctx.fillStyle = C.text;
  ctx.font = `600 16px ${FONT}`;
  ctx.fillText(t.title, M, y + 18);
  y += 30;
  const cols = t.head.length;
  const first = Math.min(420, (W - 2 * M) * 0.3);
  const rest = (W - 2 * M - first) / Math.max(1, cols - 1);
  const colX = (i: number) => M + (i === 0 ? 0 : first + (i - 1) * rest);
  const colW = (i: number) => (i === 0 ? first : rest) - 10;
  const row = (cells: string[], yy: number, head: boolean, color: string | null) => {
    ctx.font = head ? `600 13px ${FONT}` : `13px ${FONT}`;
    cells.forEach((c, i) => {
      let x = colX(i);
      if (i === 0 && color) {
        ctx.fillStyle = resolveColor(color);
        ctx.fillRect(x, yy + 6, 10, 10);
        x += 16;
      }
      ctx.fillStyle = head ? C.muted : C.text;
      ctx.fillText(fitText(ctx, c, colW(i) - (i === 0 && color ? 16 : 0)), x, yy + 16);
    });
  };
  row(t.head, y, true, null);
  ctx.strokeStyle = C.rule;
  ctx.beginPath();
  ctx.moveTo(M, y + 23);
  ctx.lineTo(W - M, y + 23);
  ctx.stroke();
  t.rows.forEach((r, i) => row(r, y + 26 * (i + 1), false, t.colors?.[i] ?? null));
  return y + 26 * (t.rows.length + 1) + 10 + GAP;
}

export function renderPng(l: PngLayout): HTMLCanvasElement {
  C = tokens({ bg: 'bg', card: 'panel', text: 'text', muted: 'muted', rule: 'border-strong' });
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = Math.ceil(layoutHeight(l));
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = C.bg;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = C.text;
  ctx.font = `700 22px ${FONT}`;
  ctx.fillText(l.title, M, M + 20);
  ctx.fillStyle = C.muted;
  ctx.font = `13px ${FONT}`;
  ctx.fillText(l.subtitle, M, M + 42);
  let x = M;
  ctx.font = `600 13px ${FONT}`;
  for (const item of l.legend) {
    ctx.fillStyle = resolveColor(item.color);
    ctx.fillRect(x, M + 62, 18, 4);
    ctx.fillStyle = C.text;
    ctx.fillText(item.label, x + 24, M + 68);
    x += 24 + ctx.measureText(item.label).width + 24;
  }
  let y = M + HEADER;
  if (l.charts.length) y = drawRow(ctx, l.charts, y, CHART_MAX);
  const section = (title: string) => {
    ctx.fillStyle = C.text;
    ctx.font = `600 16px ${FONT}`;
    ctx.fillText(title, M, y + 18);
    y += 30;
  };
  if (l.latents.length) {
    section(l.latentTitle);
    y = drawRow(ctx, l.latents, y, PLOT_MAX);
  }
  if (l.collapses.length || l.rankChart) section(l.collapseTitle);
  if (l.rankChart) y = drawRow(ctx, [l.rankChart], y, W - 2 * M);
  if (l.collapses.length) y = drawRow(ctx, l.collapses, y, PLOT_MAX);
  for (const t of l.tables) y = drawTable(ctx, t, y);
  return canvas;
}

export function canvasToBlob(c: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
}
