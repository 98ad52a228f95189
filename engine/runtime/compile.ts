// compile: a validated Graph -> a Plan that owns the variables and state of
// every node and runs the forward pass in topological order.
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../graph';
import type { ParamDefs } from '../params';
import { hashSeed } from '../rng';
import type { BatchRequest, ForwardCtx, Dataset, InitKind, NodeSpec, Tensor, Variable } from '../spec';
import type { GraphIssue, TensorType } from '../types';
import { analyzeForTraining, type SpecLookup } from '../validate';
import { datasetKey } from './datasets';

export interface CompiledNode {
  id: string;
  spec: NodeSpec<ParamDefs>;
  params: Record<string, unknown>;
  inputTypes: Record<string, TensorType>;
  outputTypes: Record<string, TensorType>;
  /** input port -> [source node, source port] */
  sources: Record<string, [string, string]>;
  vars: Record<string, Variable>;
  state: Record<string, Tensor>;
}

export interface LossNode {
  id: string;
  label: string;
  phase: string;
  weight: number;
}

export interface Phase {
  name: string;
  losses: LossNode[];
  vars: Variable[];
}

export interface ForwardResult {
  outputs: Map<string, Record<string, Tensor>>;
  /** Loss node id -> its scalar loss, and `${id}/${term}` -> sub-terms. */
  terms: Map<string, Tensor>;
}

export interface Plan {
  graph: Graph;
  nodes: CompiledNode[];
  phases: Phase[];
  dataNodeId: string;
  /** The dataset the data node draws from. */
  dataset: Dataset;
  batchSize: number;
  needsConv: boolean;
  /** Forward pass. `keepPhase`: only loss nodes of that phase are summed into `total`. */
  forward(args: ForwardArgs): ForwardResult;
  /** Runs the after-step updates registered by the last training forward pass. */
  runAfterStep(): void;
  /** Drops pending after-step updates (after a failed step). */
  clearAfterStep(): void;
  dispose(): void;
}

export interface ForwardArgs {
  training: boolean;
  step: number;
  batch: BatchRequest;
  /** Call index within the step, so two passes in one step draw different noise. */
  pass: number;
}

export type CompileResult = { ok: true; plan: Plan } | { ok: false; issues: GraphIssue[] };

let planCounter = 0;

function initTensor(kind: InitKind, shape: number[], seed: number): tf.Tensor {
  switch (kind) {
    case 'zeros':
      return tf.zeros(shape);
    case 'ones':
      return tf.ones(shape);
    case 'normal':
      return tf.randomNormal(shape, 0, 0.02, 'float32', seed);
    case 'he':
      return tf.initializers.heUniform({ seed }).apply(shape);
    case 'glorot':
      return tf.initializers.glorotUniform({ seed }).apply(shape);
  }
}

export function compile(graph: Graph, lookup: SpecLookup, datasets: Map<string, Dataset>): CompileResult {
  const a = analyzeForTraining(graph, lookup);
  const errors = a.issues.filter((i) => i.severity === 'error');
  if (errors.length) return { ok: false, issues: errors };

  const planId = ++planCounter;
  const seed = graph.meta.seed;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const nodes: CompiledNode[] = [];
  const compiled = new Map<string, CompiledNode>();
  const issues: GraphIssue[] = [];

  // Keep only nodes that feed a loss: a dangling branch must not cost compute.
  const needed = new Set<string>();
  const visit = (id: string) => {
    if (needed.has(id)) return;
    needed.add(id);
    for (const e of a.incoming.get(id)?.values() ?? []) visit(e.from.node);
  };
  for (const n of graph.nodes) if (lookup(n.type)?.loss) visit(n.id);

  for (const id of a.order) {
    if (!needed.has(id)) continue;
    const gn = byId.get(id)!;
    const spec = lookup(gn.type)!;
    const params = a.params.get(id)!;
    const sources: Record<string, [string, string]> = {};
    const inputTypes: Record<string, TensorType> = {};
    for (const [port, e] of a.incoming.get(id) ?? []) {
      sources[port] = [e.from.node, e.from.port];
      inputTypes[port] = a.outputs.get(e.from.node)![e.from.port];
    }
    const cn: CompiledNode = { id, spec, params, inputTypes, outputTypes: a.outputs.get(id)!, sources, vars: {}, state: {} };
    if (spec.data && !datasets.has(datasetKey(spec.data.dataset(params as never), !!spec.data.generate, seed))) {
      issues.push({ code: 'runtime', severity: 'error', nodeIds: [id], message: `${spec.label}: dataset "${spec.data.dataset(params as never)}" is not loaded` });
    }
    try {
      spec.init?.({
        tf,
        params: params as never,
        inputTypes,
        outputTypes: cn.outputTypes,
        variable: (name, shape, kind) => {
          // seeded per node and variable name: adding a node elsewhere does not change this one's init
          const v = tf.tidy(() => tf.variable(initTensor(kind, shape, hashSeed(seed, id, name)), true, `p${planId}/${id}/${name}`));
          cn.vars[name] = v;
          return v;
        },
        state: (name, value) => {
          cn.state[name] = tf.keep(value);
        },
      });
    } catch (e) {
      issues.push({ code: 'runtime', severity: 'error', nodeIds: [id], message: `${spec.label}: could not create its weights: ${(e as Error).message}` });
    }
    nodes.push(cn);
    compiled.set(id, cn);
  }

  const dataNodes = nodes.filter((n) => n.spec.data);
  if (dataNodes.length > 1) {
    issues.push({ code: 'unsupported', severity: 'error', nodeIds: dataNodes.map((n) => n.id), message: 'only one dataset node can feed the losses' });
  }
  const disposeAll = () => {
    for (const n of nodes) {
      for (const v of Object.values(n.vars)) v.dispose();
      for (const s of Object.values(n.state)) s.dispose();
    }
  };
  if (issues.length || dataNodes.length === 0) {
    disposeAll();
    if (!dataNodes.length) issues.push({ code: 'no-dataset', severity: 'error', nodeIds: [], message: 'no dataset node feeds a loss' });
    return { ok: false, issues };
  }
  const dataNode = dataNodes[0];

  // Phases: each loss names the optimizer phase it feeds; a phase trains the
  // variables of the nodes upstream of its losses.
  const phaseMap = new Map<string, Phase>();
  for (const n of nodes) {
    if (!n.spec.loss) continue;
    const name = n.spec.loss.phase(n.params as never);
    const p = phaseMap.get(name) ?? { name, losses: [], vars: [] };
    p.losses.push({ id: n.id, label: n.spec.label, phase: name, weight: n.spec.loss.weight(n.params as never) });
    phaseMap.set(name, p);
  }
  for (const p of phaseMap.values()) {
    const up = new Set<string>();
    const walk = (id: string) => {
      if (up.has(id)) return;
      up.add(id);
      for (const [src] of Object.values(compiled.get(id)!.sources)) walk(src);
    };
    p.losses.forEach((l) => walk(l.id));
    p.vars = nodes.filter((n) => up.has(n.id)).flatMap((n) => Object.values(n.vars).filter((v) => v.trainable));
  }
  const phases = [...phaseMap.values()];

  let pendingAfter: Array<(set: (name: string, v: Tensor) => void) => void> = [];
  let pendingOwners: CompiledNode[] = [];
  let retained: Tensor[] = [];
  const datasetOf = (name: string): Dataset => {
    const d = datasets.get(name) ?? datasets.get(datasetKey(name, true, seed));
    if (!d) throw new Error(`dataset "${name}" is not loaded`);
    return d;
  };

  const plan: Plan = {
    graph,
    nodes,
    phases,
    dataNodeId: dataNode.id,
    batchSize: dataNode.spec.data!.batchSize(dataNode.params as never),
    dataset: datasetOf(datasetKey(dataNode.spec.data!.dataset(dataNode.params as never), !!dataNode.spec.data!.generate, seed)),
    needsConv: nodes.some((n) => n.spec.usesConv?.(n.params as never) ?? false),
    forward({ training, step, batch, pass }) {
      const outputs = new Map<string, Record<string, Tensor>>();
      const terms = new Map<string, Tensor>();
      for (const n of nodes) {
        const inputs: Record<string, Tensor> = {};
        for (const [port, [src, sport]] of Object.entries(n.sources)) inputs[port] = outputs.get(src)![sport];
        let call = 0;
        const ctx: ForwardCtx<unknown> = {
          tf,
          params: n.params,
          inputs,
          inputTypes: n.inputTypes,
          outputTypes: n.outputTypes,
          vars: n.vars,
          state: n.state,
          training,
          step,
          seed: () => hashSeed(seed, n.id, step, pass, training ? 't' : 'e', call++),
          batch,
          dataset: datasetOf,
          term: (name, value) => {
            terms.set(`${n.id}/${name}`, value);
          },
          afterStep: (fn) => {
            if (!training) return;
            pendingAfter.push(fn);
            pendingOwners.push(n);
          },
          retain: (t) => {
            if (training) retained.push(tf.keep(t));
            return t;
          },
        };
        let out: Record<string, Tensor>;
        try {
          out = n.spec.forward(ctx as ForwardCtx<never>);
        } catch (e) {
          throw new NodeError(n.id, `${n.spec.label}: ${(e as Error).message}`);
        }
        outputs.set(n.id, out);
        if (n.spec.loss) terms.set(n.id, out.loss);
      }
      return { outputs, terms };
    },
    runAfterStep() {
      const fns = pendingAfter;
      const owners = pendingOwners;
      pendingAfter = [];
      pendingOwners = [];
      fns.forEach((fn, i) => {
        const owner = owners[i];
        tf.tidy(() =>
          fn((name, value) => {
            const old = owner.state[name];
            owner.state[name] = tf.keep(value);
            if (old && old !== value) old.dispose();
          }),
        );
      });
      for (const t of retained) t.dispose();
      retained = [];
    },
    clearAfterStep() {
      pendingAfter = [];
      pendingOwners = [];
      for (const t of retained) t.dispose();
      retained = [];
    },
    dispose() {
      plan.clearAfterStep();
      disposeAll();
    },
  };
  return { ok: true, plan };
}

/** An error raised while running one node, so the UI can mark that node. */
export class NodeError extends Error {
  constructor(
    readonly nodeId: string,
    message: string,
  ) {
    super(message);
  }
}
