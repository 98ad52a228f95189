// compile: a ValidatedGraph (engine/validated-graph.ts) and the loaded datasets -> a
// Plan that owns the variables and state of every node feeding a loss and
// runs the forward pass in topological order. Each stage has its own file:
//   nodes.ts    which nodes train, and the variables / state they own
//   mirrors.ts  momentum encoders' EMA copies and their update
//   phases.ts   optimizer phases, ordered by LossInfo.phaseOrder
//   latent.ts   latent variables found by inner minimisation (ISTA)
//   runner.ts   one node's ForwardCtx, after-step updates
//   forward.ts  the forward pass and embed (evaluation)
import type { Dataset } from '../../spec';
import type { GraphIssue } from '../../types';
import { datasetKey, seeded, type ValidatedGraph } from '../../validated-graph';
import { Forward } from './forward';
import { LatentInference, splitAtLatents } from './latent';
import { attachMirrors, updateMirrors } from './mirrors';
import { createNodes, disposeNodes } from './nodes';
import { buildPhases } from './phases';
import { AfterStepQueue, NodeRunner } from './runner';
import type { CompileResult, Plan } from './types';

export * from './types';

let planCounter = 0;

export function compile(valid: ValidatedGraph, datasets: Map<string, Dataset>): CompileResult {
  const { graph } = valid;
  const seed = graph.meta.seed;
  const planId = ++planCounter;
  const { nodes, issues } = createNodes(valid, datasets, planId);
  // momentum encoders copy their online networks once all of those exist
  issues.push(...attachMirrors(nodes, planId));

  const dataNodes = nodes.filter((n) => n.spec.data && !n.spec.latent);
  if (dataNodes.length > 1) {
    issues.push({ code: 'unsupported', severity: 'error', nodeIds: dataNodes.map((n) => n.id), message: 'only one dataset node can feed the losses' });
  }
  if (issues.length || dataNodes.length === 0) {
    disposeNodes(nodes);
    if (!dataNodes.length) issues.push({ code: 'no-dataset', severity: 'error', nodeIds: [], message: 'no dataset node feeds a loss' } satisfies GraphIssue);
    return { ok: false, issues };
  }
  const dataNode = dataNodes[0];
  const data = dataNode.spec.data!;
  const phases = buildPhases(nodes);
  const split = splitAtLatents(nodes);
  if (!split.ok) {
    disposeNodes(nodes);
    return { ok: false, issues: [split.issue] };
  }

  const datasetOf = (name: string): Dataset => {
    const d = datasets.get(name) ?? datasets.get(datasetKey(name, true, seed));
    if (!d) throw new Error(`dataset "${name}" is not loaded`);
    return d;
  };
  const afterStep = new AfterStepQueue();
  const runner = new NodeRunner(seed, datasetOf, afterStep);
  const forward = new Forward(nodes, split.split, runner, new LatentInference(seed, split.split.post, runner));

  const plan: Plan = {
    graph,
    nodes,
    phases,
    dataNodeId: dataNode.id,
    dataset: datasetOf(datasetKey(data.dataset(dataNode.params), seeded(data), seed)),
    batchSize: data.batchSize(dataNode.params),
    needsConv: nodes.some((n) => n.spec.usesConv?.(n.params) ?? false),
    forward: (args) => forward.run(args),
    embed: (nodeId, port, batch, inspect) => forward.embed(nodeId, port, batch, inspect),
    updateMirrors: (when, step, totalSteps) => updateMirrors(nodes, when, step, totalSteps),
    runAfterStep: () => afterStep.run(),
    clearAfterStep: () => afterStep.clear(),
    dispose() {
      afterStep.clear();
      disposeNodes(nodes);
    },
  };
  return { ok: true, plan };
}
