// The plan's nodes: which nodes take part in training (those that feed a
// loss), and the variables and state each one owns, created by its spec's
// init, seeded per node and variable name.
import * as tf from '@tensorflow/tfjs';
import { initTensor } from '../../ops/init';
import { hashSeed } from '../../rng';
import type { Dataset, Variable } from '../../spec';
import type { GraphIssue } from '../../types';
import { datasetKey, seeded, type ValidatedGraph } from '../../validated-graph';
import type { CompiledNode } from './types';

/** Makes one variable of a plan; the name keeps plans and owners apart in tfjs's registry. */
export function makeVariable(planId: number, owner: string, name: string, value: () => tf.Tensor, trainable: boolean): Variable {
  return tf.tidy(() => tf.variable(value(), trainable, `p${planId}/${owner}/${name}`));
}

/** Creates every node's variables and state; a node that cannot is reported, not thrown. */
export function createNodes(valid: ValidatedGraph, datasets: Map<string, Dataset>, planId: number): { nodes: CompiledNode[]; issues: GraphIssue[] } {
  const seed = valid.graph.meta.seed;
  const issues: GraphIssue[] = [];
  const nodes: CompiledNode[] = [];
  for (const vn of valid.nodes.filter((n) => valid.trained.has(n.id))) {
    const { id, spec, params } = vn;
    const cn: CompiledNode = { ...vn, vars: {}, state: {} };
    if (spec.data && !datasets.has(datasetKey(spec.data.dataset(params), seeded(spec.data), seed))) {
      issues.push({ code: 'runtime', severity: 'error', nodeIds: [id], message: `${spec.label}: dataset "${spec.data.dataset(params)}" is not loaded` });
    }
    try {
      spec.init?.({
        tf,
        params,
        inputTypes: cn.inputTypes,
        outputTypes: cn.outputTypes,
        // seeded per node and variable name: adding a node elsewhere does not change this one's init
        variable: (name, shape, kind, fanIn) => (cn.vars[name] = makeVariable(planId, id, name, () => initTensor(tf, kind, shape, hashSeed(seed, id, name), fanIn), true)),
        state: (name, value) => {
          cn.state[name] = tf.keep(value);
        },
      });
    } catch (e) {
      issues.push({ code: 'runtime', severity: 'error', nodeIds: [id], message: `${spec.label}: could not create its weights: ${(e as Error).message}` });
    }
    nodes.push(cn);
  }
  return { nodes, issues };
}

export function disposeNodes(nodes: readonly CompiledNode[]): void {
  for (const n of nodes) {
    tf.dispose(Object.values(n.vars));
    tf.dispose(Object.values(n.state));
    for (const m of n.mirrors ?? []) {
      tf.dispose(Object.values(m.vars));
      tf.dispose(Object.values(m.state));
    }
  }
}
