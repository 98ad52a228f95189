// One training view as a PNG: its title and every canvas in it, drawn where
// they sit on the page, on the view's own background, with the graph embedded.
import type { Graph } from '../../../engine/graph';
import { embedGraph } from '../../lib/share/figure';
import { tokens } from '../../lib/theme';
import { canvasToBlob } from '../runs/compare-png';

export async function panelPng(section: HTMLElement, title: string, graph: Graph | null): Promise<Blob> {
  const box = section.getBoundingClientRect();
  const scale = 2;
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.round(box.width * scale));
  out.height = Math.max(1, Math.round(box.height * scale));
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('the browser has no 2-D canvas');
  const style = getComputedStyle(section);
  // token names without the leading -- (tokens() adds it)
  const C = tokens({ bg: 'panel', text: 'text' });
  ctx.fillStyle = C.bg;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.scale(scale, scale);
  ctx.fillStyle = C.text;
  ctx.font = `600 13px ${style.fontFamily}`;
  ctx.fillText(title, 10, 20);
  for (const c of Array.from(section.querySelectorAll('canvas'))) {
    const r = c.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    ctx.drawImage(c, r.left - box.left, r.top - box.top, r.width, r.height);
  }
  const png = await canvasToBlob(out);
  return graph ? embedGraph(png, graph) : png;
}
