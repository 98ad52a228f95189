// Momentum encoders: non-trainable EMA copies of the online networks a
// momentum-encoder node follows (MoCo's key encoder, BYOL's and DINO's
// teacher), created once the online nodes exist, and their EMA update.
import * as tf from '@tensorflow/tfjs';
import type { Variable } from '../../spec';
import { isProblem, type GraphIssue, type TensorType } from '../../types';
import { makeVariable } from './nodes';
import type { CompiledNode, StateMap } from './types';

/** Gives every momentum-encoder node its copies of the nodes it follows. */
export function attachMirrors(nodes: readonly CompiledNode[], planId: number): GraphIssue[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const issues: GraphIssue[] = [];
  for (const cn of nodes) {
    const m = cn.spec.mirror;
    if (!m) continue;
    let t = cn.inputTypes.in;
    cn.mirrors = [];
    for (const ref of m.follows(cn.params)) {
      const online = byId.get(ref);
      if (!online) {
        issues.push({ code: 'unsupported', severity: 'error', nodeIds: [cn.id], message: `${cn.spec.label}: the followed node "${ref}" does not feed any loss, so it never trains` });
        break;
      }
      const out = online.spec.infer({ inputs: { in: t }, params: online.params });
      if (isProblem(out)) {
        issues.push({ code: 'unsupported', severity: 'error', nodeIds: [cn.id], message: `${cn.spec.label}: cannot apply "${ref}" here: ${out.problem}` });
        break;
      }
      const vars: Record<string, Variable> = {};
      for (const [name, v] of Object.entries(online.vars)) vars[name] = makeVariable(planId, cn.id, `${ref}/${name}`, () => v.clone(), false);
      const state: StateMap = {};
      for (const [name, s] of Object.entries(online.state)) state[name] = tf.keep(s.clone());
      const outType: TensorType = Object.values(out)[0];
      cn.mirrors.push({ node: online, vars, state, inputType: t, outputType: outType });
      t = outType;
    }
  }
  return issues;
}

/** θ_target ← m·θ_target + (1 − m)·θ_online for the encoders that update at this point of the step. */
export function updateMirrors(nodes: readonly CompiledNode[], when: 'before-step' | 'after-step', step: number, totalSteps: number): void {
  for (const n of nodes) {
    const info = n.spec.mirror;
    if (!n.mirrors || !info || info.when(n.params) !== when) continue;
    const m = info.momentum(n.params, step, totalSteps);
    tf.tidy(() => {
      for (const mm of n.mirrors!) {
        for (const [name, v] of Object.entries(mm.vars)) v.assign(tf.add(tf.mul(v, m), tf.mul(mm.node.vars[name], 1 - m)));
      }
    });
  }
}
