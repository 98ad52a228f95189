// How the palette groups node types and how each category and port type is
// coloured. Generic over the registry: a new node type only needs a category.
// Colours are design tokens (--cat-<category>, --port-<type> in app/styles/tokens.css).
import type { NodeCategory, PortType } from '../../engine/types';

export const CATEGORY_ORDER: readonly NodeCategory[] = ['data', 'augment', 'network', 'operator', 'loss'];

export const CATEGORY_TITLE: Record<NodeCategory, string> = {
  data: 'Data',
  augment: 'Augmentations',
  network: 'Networks',
  operator: 'Operators',
  loss: 'Losses',
};

export function categoryColor(c: NodeCategory): string {
  return `var(--cat-${c})`;
}

export function portColor(t: PortType): string {
  return `var(--port-${t})`;
}
