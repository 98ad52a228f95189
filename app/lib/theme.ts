// The design tokens (app/styles/tokens.css) for code that paints instead of
// styling: canvases, uPlot, the minimap, the PNG export. CSS reaches tokens with
// var(--name); a canvas needs the resolved value, read here from the document's
// computed style, so a drawing follows the theme the page shows. Reading is
// cheap (one computed-style object per call site, a few properties), so callers
// read when they draw instead of caching a theme that may change.
//
// Outside a browser (Node tests, prerendering) nothing is painted; reads return ''.

/** Number of colours in each palette of tokens.css. */
export const PALETTE_SIZE = { class: 10, series: 10, aux: 3, run: 4 } as const;

function rootStyle(): CSSStyleDeclaration | null {
  return typeof document === 'undefined' ? null : getComputedStyle(document.documentElement);
}

/** The resolved value of `--name`, or '' outside a browser. */
export function token(name: string, style: CSSStyleDeclaration | null = rootStyle()): string {
  return style ? style.getPropertyValue(`--${name}`).trim() : '';
}

/** Several tokens read from one computed style: `tokens({ bg: 'bg', text: 'text' })`. */
export function tokens<K extends string>(names: Record<K, string>): Record<K, string> {
  const style = rootStyle();
  const out = {} as Record<K, string>;
  for (const k of Object.keys(names) as K[]) out[k] = token(names[k], style);
  return out;
}

/** `--prefix-0 … --prefix-(n-1)`: a palette as resolved colours. */
export function palette(prefix: keyof typeof PALETTE_SIZE | 'class' | 'series', n: number = PALETTE_SIZE[prefix]): string[] {
  const style = rootStyle();
  return Array.from({ length: n }, (_, i) => token(`${prefix}-${i}`, style));
}

/** A CSS reference to the i-th colour of a palette, for inline styles (no reading needed). */
export function paletteVar(prefix: keyof typeof PALETTE_SIZE, i: number): string {
  const n = PALETTE_SIZE[prefix];
  const source = prefix === 'run' ? 'series' : prefix;
  return `var(--${source}-${((i % n) + n) % n})`;
}

/** Colour of digit class `label` (the same in the dock and the compare view). */
export function classVar(label: number): string {
  return paletteVar('class', label);
}

/** Colour of run `i` in the compare view: the first colours of the series palette. */
export function runVar(i: number): string {
  return paletteVar('run', i);
}

/** Parses #rgb / #rrggbb / rgb() / rgba() into [r, g, b, a]; null for anything else. */
export function parseColor(c: string): [number, number, number, number] | null {
  const s = c.trim();
  let m = /^#([0-9a-f]{3})$/i.exec(s);
  if (m) return [...m[1]].map((h) => parseInt(h + h, 16)).concat(1) as [number, number, number, number];
  m = /^#([0-9a-f]{6})$/i.exec(s);
  if (m) {
    const n = parseInt(m[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 1];
  }
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(s);
  if (m) {
    const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return [Number(m[1]), Number(m[2]), Number(m[3]), a];
  }
  return null;
}

/** The colour at `alpha` opacity (canvas styles cannot use color-mix everywhere, so it is computed). */
export function withAlpha(color: string, alpha: number): string {
  const p = parseColor(color);
  if (!p) return color;
  return `rgba(${p[0]}, ${p[1]}, ${p[2]}, ${alpha * p[3]})`;
}

/** `var(--name)` resolved to its value (painting code cannot use var()); other colours pass through. */
export function resolveColor(color: string, style: CSSStyleDeclaration | null = rootStyle()): string {
  const m = /^var\(--([\w-]+)\)$/.exec(color.trim());
  return m ? token(m[1], style) : color;
}

/** uPlot axis styling from the tokens (both the dock's charts and the compare view's). */
export function chartAxis() {
  const t = tokens({ axis: 'chart-axis', rule: 'chart-rule' });
  return { stroke: t.axis, grid: { stroke: withAlpha(t.rule, 0.08) }, ticks: { stroke: withAlpha(t.rule, 0.15) }, font: '11px system-ui', labelFont: '11px system-ui' };
}
