// What the loss views call each series key: `total:<phase>`, a loss node's id,
// or `nodeId/term`. Names come from the node specs; an id is added only when two
// nodes of the same type would read alike.
import { getSpec } from '../../nodes/registry';

export function lossLabeller(nodes: readonly { id: string; type: string }[]): (key: string) => string {
  return (key: string) => {
    if (key.startsWith('total:')) {
      const phase = key.slice(6);
      return phase === 'main' ? 'total' : `total (${phase})`;
    }
    const slash = key.indexOf('/');
    const nodeId = slash >= 0 ? key.slice(0, slash) : key;
    const term = slash >= 0 ? key.slice(slash + 1) : '';
    const node = nodes.find((n) => n.id === nodeId);
    const label = node ? (getSpec(node.type)?.label ?? node.type) : nodeId;
    const clash = node && nodes.filter((n) => n.type === node.type).length > 1;
    const name = clash ? `${label} (${nodeId})` : label;
    return term ? `${name} · ${term}` : name;
  };
}
