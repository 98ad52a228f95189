// compile: a validated Graph -> a Plan that owns the variables and state of
// every node and runs the forward pass in topological order. It also wires
// the parts of the lectures that are not a plain forward pass: momentum
// encoders (EMA copies), latent variables found by inner minimisation (ISTA),
// and optimizer phases that train different networks (a GAN's two players).
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../graph';
import type { ParamDefs } from '../params';
import { hashSeed } from '../rng';
import { initTensor } from '../ops/init';
import type { BatchRequest, Dataset, ForwardCtx, NodeSpec, Tensor, Variable } from '../spec';
import type { GraphIssue, TensorType } from '../types';
import { analyzeForTraining, type SpecLookup } from '../validate';
import { datasetKey, seeded } from './datasets';

type StateMap = Record<string, Tensor>;

export interface CompiledNode {
  id: string;
  spec: NodeSpec<ParamDefs>;
  params: Record<string, unknown>;
  inputTypes: Record<string, TensorType>;
  outputTypes: Record<string, TensorType>;
  /** input port -> [source node, source port] */
  sources: Record<string, [string, string]>;
  /** Output ports with at least one edge. */
  used: Set<string>;
  vars: Record<string, Variable>;
  state: StateMap;
  /** Momentum encoders: EMA copies of each followed node. */
  mirrors?: Array<{ node: CompiledNode; vars: Record<string, Variable>; state: StateMap; inputType: TensorType; outputType: TensorType }>;
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
  /** Updates per training step. */
  repeats: number;
}

export interface ForwardResult {
  outputs: Map<string, Record<string, Tensor>>;
  /** Loss node id -> its scalar loss, and `${id}/${term}` -> sub-terms. */
  terms: Map<string, Tensor>;
}

export interface ForwardArgs {
  training: boolean;
  step: number;
  totalSteps: number;
  batch: BatchRequest;
  /** Call index within the step, so two passes in one step draw different noise. */
  pass: number;
  /** Ask loss nodes for unreduced per-sample values (energy landscape). */
  perSample?: boolean;
  /** Replace one node's outputs (e.g. decode chosen codes: prior samples, interpolations). */
  overrides?: Map<string, Record<string, Tensor>>;
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
  forward(args: ForwardArgs): ForwardResult;
  /**
   * The output of one port on clean inputs, for evaluation: only its ancestors
   * run, augmentations and view stacking are skipped, networks run in eval mode.
   */
  embed(nodeId: string, port: string, batch: BatchRequest, inspect?: (name: string, value: Tensor) => void): Tensor;
  /** EMA updates of momentum encoders that run at this point of the step. */
  updateMirrors(when: 'before-step' | 'after-step', step: number, totalSteps: number): void;
  /** Runs the after-step updates registered by the last training forward pass. */
  runAfterStep(): void;
  /** Drops pending after-step updates (after a failed step). */
  clearAfterStep(): void;
  dispose(): void;
}

export type CompileResult = { ok: true; plan: Plan } | { ok: false; issues: GraphIssue[] };

/** An error raised while running one node, so the UI can mark that node. */
export class NodeError extends Error {
  constructor(
    readonly nodeId: string,
    message: string,
  ) {
    super(message);
  }
}

let planCounter = 0;

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
  const used = new Map<string, Set<string>>();
  for (const e of graph.edges) used.set(e.from.node, (used.get(e.from.node) ?? new Set()).add(e.from.port));

  // Keep only nodes that feed a loss (and the online networks a momentum encoder follows).
  const needed = new Set<string>();
  const visit = (id: string) => {
    if (needed.has(id)) return;
    needed.add(id);
    for (const e of a.incoming.get(id)?.values() ?? []) visit(e.from.node);
  };
  for (const n of graph.nodes) if (lookup(n.type)?.loss) visit(n.id);

  const makeVariable = (owner: string, name: string, value: () => tf.Tensor, trainable: boolean) =>
    tf.tidy(() => tf.variable(value(), trainable, `p${planId}/${owner}/${name}`));

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
    const cn: CompiledNode = { id, spec, params, inputTypes, outputTypes: a.outputs.get(id)!, sources, used: used.get(id) ?? new Set(), vars: {}, state: {} };
    if (spec.data && !datasets.has(datasetKey(spec.data.dataset(params as never), seeded(spec.data), seed))) {
      issues.push({ code: 'runtime', severity: 'error', nodeIds: [id], message: `${spec.label}: dataset "${spec.data.dataset(params as never)}" is not loaded` });
    }
    try {
      spec.init?.({
        tf,
        params: params as never,
        inputTypes,
        outputTypes: cn.outputTypes,
        // seeded per node and variable name: adding a node elsewhere does not change this one's init
        variable: (name, shape, kind) => (cn.vars[name] = makeVariable(id, name, () => initTensor(tf, kind, shape, hashSeed(seed, id, name)), true)),
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

  // Momentum encoders copy their online networks once all of those exist.
  for (const cn of nodes) {
    const m = cn.spec.mirror;
    if (!m) continue;
    const follows = m.follows(cn.params as never);
    let t = cn.inputTypes.in;
    cn.mirrors = [];
    for (const ref of follows) {
      const online = compiled.get(ref);
      if (!online) {
        issues.push({ code: 'unsupported', severity: 'error', nodeIds: [cn.id], message: `${cn.spec.label}: the followed node "${ref}" does not feed any loss, so it never trains` });
        break;
      }
      const vars: Record<string, Variable> = {};
      for (const [name, v] of Object.entries(online.vars)) vars[name] = makeVariable(cn.id, `${ref}/${name}`, () => v.clone(), false);
      const state: StateMap = {};
      for (const [name, s] of Object.entries(online.state)) state[name] = tf.keep(s.clone());
      const out = online.spec.infer({ inputs: { in: t }, params: online.params as never });
      const outType = Object.values(out as Record<string, TensorType>)[0];
      cn.mirrors.push({ node: online, vars, state, inputType: t, outputType: outType });
      t = outType;
    }
  }

  const dataNodes = nodes.filter((n) => n.spec.data && !n.spec.latent);
  if (dataNodes.length > 1) {
    issues.push({ code: 'unsupported', severity: 'error', nodeIds: dataNodes.map((n) => n.id), message: 'only one dataset node can feed the losses' });
  }
  const disposeAll = () => {
    for (const n of nodes) {
      tf.dispose(Object.values(n.vars));
      tf.dispose(Object.values(n.state));
      for (const m of n.mirrors ?? []) {
        tf.dispose(Object.values(m.vars));
        tf.dispose(Object.values(m.state));
      }
    }
  };
  if (issues.length || dataNodes.length === 0) {
    disposeAll();
    if (!dataNodes.length) issues.push({ code: 'no-dataset', severity: 'error', nodeIds: [], message: 'no dataset node feeds a loss' });
    return { ok: false, issues };
  }
  const dataNode = dataNodes[0];

  // Phases: each loss names the optimizer phase it feeds and which upstream
  // networks it trains (all, only critics, all but critics).
  const phaseMap = new Map<string, Phase>();
  const phaseVarSets = new Map<string, Set<Variable>>();
  for (const n of nodes) {
    const loss = n.spec.loss;
    if (!loss) continue;
    const name = loss.phase(n.params as never);
    const p = phaseMap.get(name) ?? { name, losses: [], vars: [], repeats: 1 };
    p.repeats = Math.max(p.repeats, loss.repeats?.(n.params as never) ?? 1);
    p.losses.push({ id: n.id, label: n.spec.label, phase: name, weight: loss.weight(n.params as never) });
    phaseMap.set(name, p);
    const trains = loss.trains?.(n.params as never) ?? 'all';
    const set = phaseVarSets.get(name) ?? new Set<Variable>();
    const seen = new Set<string>();
    const walk = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      const c = compiled.get(id)!;
      const critic = c.spec.role === 'critic';
      if (trains === 'all' || (trains === 'critic') === critic) for (const v of Object.values(c.vars)) if (v.trainable) set.add(v);
      for (const [src] of Object.values(c.sources)) walk(src);
    };
    walk(n.id);
    phaseVarSets.set(name, set);
  }
  // a GAN's discriminator phase runs first, as in the DCGAN reference loop
  const phaseRank = (name: string) => (name === 'discriminator' ? 0 : name === 'generator' ? 2 : 1);
  const phases = [...phaseMap.values()].sort((x, y) => phaseRank(x.name) - phaseRank(y.name));
  for (const p of phases) p.vars = [...phaseVarSets.get(p.name)!];

  // Latent nodes split the forward pass: everything not downstream of a latent
  // runs first, then each latent's inner minimisation, then the rest.
  const latentIds = nodes.filter((n) => n.spec.latent).map((n) => n.id);
  const downstream = new Set<string>();
  for (const lid of latentIds) {
    const stack = [lid];
    while (stack.length) {
      const id = stack.pop()!;
      for (const n of nodes) {
        if (downstream.has(n.id) || !Object.values(n.sources).some(([s]) => s === id)) continue;
        downstream.add(n.id);
        stack.push(n.id);
      }
    }
  }
  for (const lid of latentIds) {
    if (downstream.has(lid)) {
      disposeAll();
      return { ok: false, issues: [{ code: 'unsupported', severity: 'error', nodeIds: [lid], message: 'a latent node cannot sit downstream of another latent node' }] };
    }
  }
  const pre = nodes.filter((n) => !downstream.has(n.id) && !n.spec.latent);
  const post = nodes.filter((n) => downstream.has(n.id));

  let pendingAfter: Array<{ fn: (set: (name: string, v: Tensor) => void) => void; state: StateMap }> = [];
  let retained: Tensor[] = [];
  const datasetOf = (name: string): Dataset => {
    const d = datasets.get(name) ?? datasets.get(datasetKey(name, true, seed));
    if (!d) throw new Error(`dataset "${name}" is not loaded`);
    return d;
  };

  interface PassState {
    args: ForwardArgs;
    outputs: Map<string, Record<string, Tensor>>;
    terms: Map<string, Tensor>;
    /** Inner-loop passes must not register after-step updates or keep tensors. */
    inner: boolean;
  }

  function makeCtx(
    ps: PassState,
    n: CompiledNode,
    inputs: Record<string, Tensor>,
    over: { vars?: Record<string, Variable>; state?: StateMap; inputTypes?: Record<string, TensorType>; outputTypes?: Record<string, TensorType>; tag?: string } = {},
  ): ForwardCtx<unknown> {
    const { args } = ps;
    const state = over.state ?? n.state;
    let call = 0;
    const ctx: ForwardCtx<unknown> = {
      tf,
      params: n.params,
      inputs,
      inputTypes: over.inputTypes ?? n.inputTypes,
      outputTypes: over.outputTypes ?? n.outputTypes,
      vars: over.vars ?? n.vars,
      state,
      training: args.training,
      step: args.step,
      totalSteps: args.totalSteps,
      // evaluation noise does not depend on the step: a fixed noise batch shows how samples evolve
      seed: () => (args.training ? hashSeed(seed, n.id, over.tag ?? '', args.step, args.pass, call++) : hashSeed(seed, n.id, over.tag ?? '', 'eval', call++)),
      batch: args.batch,
      dataset: datasetOf,
      term: (name, value) => {
        ps.terms.set(`${n.id}/${name}`, value);
      },
      afterStep: (fn) => {
        if (args.training && !ps.inner) pendingAfter.push({ fn, state });
      },
      retain: (t) => {
        if (args.training && !ps.inner) retained.push(tf.keep(t));
        return t;
      },
      wants: (port) => n.used.has(port),
      perSample: !!args.perSample,
    };
    if (n.mirrors) {
      const mirrors = n.mirrors;
      ctx.mirrored = (x) =>
        mirrors.reduce(
          (h, m) =>
            Object.values(
              m.node.spec.forward(makeCtx(ps, m.node, { in: h }, { vars: m.vars, state: m.state, inputTypes: { in: m.inputType }, outputTypes: { out: m.outputType }, tag: `mirror:${n.id}` }) as ForwardCtx<never>),
            )[0],
          x,
        );
    }
    return ctx;
  }

  function runNode(ps: PassState, n: CompiledNode, inspect?: (name: string, value: Tensor) => void): void {
    const forced = ps.args.overrides?.get(n.id);
    const inputs: Record<string, Tensor> = {};
    for (const [port, [src, sport]] of Object.entries(n.sources)) inputs[port] = ps.outputs.get(src)![sport];
    let out: Record<string, Tensor>;
    try {
      const ctx = makeCtx(ps, n, inputs);
      if (inspect) ctx.probe = inspect;
      out = n.spec.forward(ctx as ForwardCtx<never>);
    } catch (e) {
      throw e instanceof NodeError ? e : new NodeError(n.id, `${n.spec.label}: ${(e as Error).message}`);
    }
    // overridden ports replace what the node computed; its other outputs stay
    if (forced) out = { ...out, ...forced };
    ps.outputs.set(n.id, out);
    if (n.spec.loss) ps.terms.set(n.id, out.loss);
  }

  /** The smooth energy seen by a latent (every downstream loss but the L1 terms ISTA handles by shrinkage), summed over the batch. */
  function latentEnergy(ps: PassState, lat: CompiledNode, z: Tensor, ista: boolean): { smooth: Tensor; l1: number } {
    const inner: PassState = { ...ps, outputs: new Map(ps.outputs), terms: new Map(), inner: true };
    inner.outputs.set(lat.id, { out: z });
    let smooth: Tensor = tf.scalar(0);
    let l1 = 0;
    for (const n of post) {
      runNode(inner, n);
      const loss = n.spec.loss;
      if (!loss) continue;
      const w = loss.weight(n.params as never);
      const onLatent = Object.values(n.sources).some(([s]) => s === lat.id);
      if (ista && loss.proximal === 'l1' && onLatent) l1 += w;
      else smooth = tf.add(smooth, tf.mul(inner.terms.get(n.id)!, w));
    }
    // per-sample problems: the batch mean would scale every gradient by 1/B
    return { smooth: tf.mul(smooth, z.shape[0]), l1 };
  }

  const curvature = new Map<string, { step: number; lambda: number }>();

  function inferLatent(ps: PassState, lat: CompiledNode): Tensor {
    const L = lat.spec.latent!;
    const p = lat.params as never;
    const rows = ps.args.batch.indices.length;
    const method = L.method(p);
    const K = L.steps(p);
    let z: Tensor = tf.zeros([rows, L.dim(p)]); // [B, d]
    const grad = (zz: Tensor) => tf.grad((v: Tensor) => latentEnergy(ps, lat, v, method === 'ista').smooth)(zz);
    let eta = L.stepSize(p);
    const cached = curvature.get(lat.id);
    // evaluation passes reuse the training estimate: the dictionary does not move between them
    if (eta === 0 && cached && (!ps.args.training || ps.args.step - cached.step < 25)) eta = 0.95 / cached.lambda;
    else if (eta === 0) {
      // power iteration on the Hessian of the smooth energy, by differences of
      // gradients: exact for a linear decoder (Hv = DᵀDv), where 1/L is ISTA's step
      let v: Tensor = tf.randomNormal(z.shape, 0, 1, 'float32', hashSeed(seed, lat.id, 'power'));
      let lambda = 1;
      const g0 = grad(z);
      for (let i = 0; i < 12; i++) {
        v = tf.div(v, tf.norm(v));
        const hv = tf.sub(grad(tf.add(z, v)), g0);
        lambda = Math.max(1e-6, tf.sum(tf.mul(hv, v)).dataSync()[0]);
        v = hv;
      }
      eta = 0.95 / lambda;
      // the dictionary moves slowly: re-estimate every 25 steps, not on every step's hot path
      curvature.set(lat.id, { step: ps.args.step, lambda });
    }
    const l1 = method === 'ista' ? latentEnergy(ps, lat, z, true).l1 : 0;
    for (let k = 0; k < K; k++) {
      z = tf.sub(z, tf.mul(grad(z), eta));
      if (method === 'ista' && l1 > 0) {
        // soft-thresholding: the proximal step of α‖z‖₁ (per sample, hence no batch factor)
        z = tf.mul(tf.sign(z), tf.relu(tf.sub(tf.abs(z), eta * l1)));
      }
    }
    return z;
  }

  const plan: Plan = {
    graph,
    nodes,
    phases,
    dataNodeId: dataNode.id,
    dataset: datasetOf(datasetKey(dataNode.spec.data!.dataset(dataNode.params as never), seeded(dataNode.spec.data!), seed)),
    batchSize: dataNode.spec.data!.batchSize(dataNode.params as never),
    needsConv: nodes.some((n) => n.spec.usesConv?.(n.params as never) ?? false),
    forward(args) {
      const ps: PassState = { args, outputs: new Map(), terms: new Map(), inner: false };
      for (const n of pre) runNode(ps, n);
      for (const lid of latentIds) {
        const lat = compiled.get(lid)!;
        const forced = args.overrides?.get(lid);
        if (forced) {
          ps.outputs.set(lid, forced);
          continue;
        }
        let z: Tensor;
        try {
          // found outside the weight gradient: the weight update treats z as data
          z = tf.tidy(() => inferLatent(ps, lat));
        } catch (e) {
          throw new NodeError(lid, `${lat.spec.label}: inner minimisation failed: ${(e as Error).message}`);
        }
        ps.outputs.set(lid, lat.spec.forward(makeCtx(ps, lat, { z }) as ForwardCtx<never>));
      }
      for (const n of post) runNode(ps, n);
      return { outputs: ps.outputs, terms: ps.terms };
    },
    embed(nodeId, port, batch, inspect) {
      const target = compiled.get(nodeId);
      if (!target) throw new Error(`node "${nodeId}" is not part of the trained graph`);
      const anc = new Set<string>();
      const walk = (id: string) => {
        if (anc.has(id)) return;
        anc.add(id);
        for (const [src] of Object.values(compiled.get(id)!.sources)) walk(src);
      };
      walk(nodeId);
      // a latent's code depends on the energy downstream of it, which reads the data
      if (latentIds.some((id) => anc.has(id))) for (const n of pre) anc.add(n.id);
      const ps: PassState = { args: { training: false, step: 0, totalSteps: 1, batch, pass: 0 }, outputs: new Map(), terms: new Map(), inner: false };
      for (const n of nodes) {
        if (!anc.has(n.id)) continue;
        if (n.spec.category === 'augment' || n.spec.type === 'op.views' || n.spec.type === 'op.mask') {
          // evaluation sees the clean digit once
          const [src, sport] = Object.values(n.sources)[0];
          const x = ps.outputs.get(src)![sport];
          ps.outputs.set(n.id, Object.fromEntries(Object.keys(n.outputTypes).map((k) => [k, x])));
          continue;
        }
        if (n.spec.latent) {
          ps.outputs.set(n.id, n.spec.forward(makeCtx(ps, n, { z: tf.tidy(() => inferLatent(ps, n)) }) as ForwardCtx<never>));
          continue;
        }
        runNode(ps, n, n.id === nodeId ? inspect : undefined);
      }
      return ps.outputs.get(nodeId)![port];
    },
    updateMirrors(when, step, totalSteps) {
      for (const n of nodes) {
        if (!n.mirrors || n.spec.mirror!.when(n.params as never) !== when) continue;
        const m = n.spec.mirror!.momentum(n.params as never, step, totalSteps);
        tf.tidy(() => {
          for (const mm of n.mirrors!) {
            for (const [name, v] of Object.entries(mm.vars)) v.assign(tf.add(tf.mul(v, m), tf.mul(mm.node.vars[name], 1 - m)));
          }
        });
      }
    },
    runAfterStep() {
      const fns = pendingAfter;
      pendingAfter = [];
      for (const { fn, state } of fns) {
        tf.tidy(() =>
          fn((name, value) => {
            const old = state[name];
            state[name] = tf.keep(value);
            if (old && old !== value) old.dispose();
          }),
        );
      }
      for (const t of retained) t.dispose();
      retained = [];
    },
    clearAfterStep() {
      pendingAfter = [];
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
