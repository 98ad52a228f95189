// Words for what a classroom link can hide or lock, shared by the Share dialog
// (the checkboxes) and the students' badge (what the link locked).
import type { Graph } from '../../../engine/graph';
import { CATEGORY_IDS, CONTROL_IDS, VIEW_IDS } from '../../../engine/teach';
import { getSpec } from '../../../nodes/registry';
import { CATEGORY_TITLE } from '../categories';

export const VIEW_TITLE: Record<(typeof VIEW_IDS)[number], string> = {
  loss: 'Loss',
  energy: 'Energy',
  latent: 'Latent space',
  attention: 'Attention',
  images: 'Images',
  collapse: 'Collapse',
  eval: 'Evaluation',
};

export const CONTROL_TITLE: Record<(typeof CONTROL_IDS)[number], string> = {
  presets: 'Presets menu',
  files: 'New / Import / Export',
  runs: 'Runs',
  data: 'Data',
  export: 'PyTorch export',
  share: 'Share',
  settings: 'Run settings',
  palette: 'Node palette',
  inspector: 'Inspector',
};

export { CATEGORY_IDS, CONTROL_IDS, VIEW_IDS, CATEGORY_TITLE };

/** One line per restriction, in the words a student reads on the badge. */
export function restrictionLines(graph: Graph): string[] {
  const c = graph.meta.classroom;
  const lines: string[] = [];
  if (c.runOnly) lines.push('Only Train, Step and Reset: the graph cannot be edited');
  if (c.hideCategories.length) lines.push(`Palette without ${c.hideCategories.map((k) => CATEGORY_TITLE[k]).join(', ')}`);
  if (c.hidePanels.length) lines.push(`Views hidden: ${c.hidePanels.map((v) => VIEW_TITLE[v]).join(', ')}`);
  if (c.hideControls.length) lines.push(`Controls hidden: ${c.hideControls.map((v) => CONTROL_TITLE[v]).join(', ')}`);
  if (c.backend) lines.push(`Backend fixed to ${c.backend}`);
  if (c.fixedViews) lines.push('Views fixed');
  const label = (id: string) => {
    const n = graph.nodes.find((x) => x.id === id);
    return n ? `${getSpec(n.type)?.label ?? n.type} (${id})` : id;
  };
  if (graph.meta.locks.length) lines.push(`Locked nodes: ${graph.meta.locks.map(label).join(', ')}`);
  for (const l of graph.meta.paramLocks) {
    const n = graph.nodes.find((x) => x.id === l.node);
    const def = n ? getSpec(n.type)?.params[l.param] : undefined;
    lines.push(`Locked parameter: ${def?.label ?? l.param} of ${label(l.node)}`);
  }
  return lines;
}
