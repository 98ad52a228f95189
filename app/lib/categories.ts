// How the palette groups node types and how each category and port type is
// coloured. Generic over the registry: a new node type only needs a category.
// Colours live here (not only in CSS) because the minimap paints SVG from JS;
// the studio root turns them into CSS custom properties for everything else.
import type { NodeCategory, PortType } from '../../engine/types';

export const CATEGORY_ORDER: readonly NodeCategory[] = ['data', 'augment', 'network', 'operator', 'loss'];

export const CATEGORY_TITLE: Record<NodeCategory, string> = {
  data: 'Data',
  augment: 'Augmentations',
  network: 'Networks',
  operator: 'Operators',
  loss: 'Losses',
};

export const CATEGORY_HEX: Record<NodeCategory, string> = {
  data: '#38bdf8',
  augment: '#a78bfa',
  network: '#34d399',
  operator: '#fbbf24',
  loss: '#fb7185',
};

export const PORT_HEX: Record<PortType, string> = {
  image: '#38bdf8',
  vector: '#94a3b8',
  latent: '#34d399',
  distribution: '#c084fc',
  scalar: '#fb7185',
  labels: '#fbbf24',
  tokens: '#2dd4bf',
  mask: '#f472b6',
};

export function categoryColor(c: NodeCategory): string {
  return `var(--cat-${c})`;
}

export function portColor(t: PortType): string {
  return `var(--port-${t})`;
}

/** The colour tables as CSS custom properties, set once on the studio root. */
export function colorVariables(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(CATEGORY_HEX)) vars[`--cat-${k}`] = v;
  for (const [k, v] of Object.entries(PORT_HEX)) vars[`--port-${k}`] = v;
  return vars;
}
