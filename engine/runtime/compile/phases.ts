// Optimizer phases: each loss names the phase it feeds, which upstream
// networks it trains (all, only critics, all but critics) and where its phase
// runs in the step (LossInfo.phaseOrder), so a GAN's two players need no
// special case here.
import { hasRole, type Variable } from '../../spec';
import type { CompiledNode, Phase } from './types';

export function buildPhases(nodes: readonly CompiledNode[]): Phase[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const phases = new Map<string, Phase>();
  const order = new Map<string, number>();
  const varSets = new Map<string, Set<Variable>>();
  for (const n of nodes) {
    const loss = n.spec.loss;
    if (!loss) continue;
    const name = loss.phase(n.params);
    const p = phases.get(name) ?? { name, losses: [], vars: [], repeats: 1 };
    p.repeats = Math.max(p.repeats, loss.repeats?.(n.params) ?? 1);
    p.losses.push({ id: n.id, label: n.spec.label, phase: name, weight: loss.weight(n.params) });
    phases.set(name, p);
    order.set(name, Math.min(order.get(name) ?? Infinity, loss.phaseOrder ?? 0));
    const trains = loss.trains?.(n.params) ?? 'all';
    const set = varSets.get(name) ?? new Set<Variable>();
    const seen = new Set<string>();
    const walk = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      const c = byId.get(id)!;
      const critic = hasRole(c.spec, 'critic');
      if (trains === 'all' || (trains === 'critic') === critic) for (const v of Object.values(c.vars)) if (v.trainable) set.add(v);
      for (const [src] of Object.values(c.sources)) walk(src);
    };
    walk(n.id);
    varSets.set(name, set);
  }
  // a stable sort: phases of equal order keep the order their first loss appears in
  const sorted = [...phases.values()].sort((x, y) => order.get(x.name)! - order.get(y.name)!);
  for (const p of sorted) p.vars = [...varSets.get(p.name)!];
  return sorted;
}
