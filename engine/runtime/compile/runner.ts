// Running one node: the ForwardCtx a spec's forward sees (seeded randomness,
// datasets, loss sub-terms, after-step updates, a momentum encoder's copies),
// and the queue of after-step updates a training pass registers.
import * as tf from '@tensorflow/tfjs';
import type { ParamDefs, ParamValues } from '../../params';
import { hashSeed } from '../../rng';
import type { Dataset, ForwardCtx, Tensor, Variable } from '../../spec';
import type { TensorType } from '../../types';
import { NodeError, type CompiledNode, type ForwardArgs, type StateMap } from './types';

/** One forward pass in progress. */
export interface PassState {
  args: ForwardArgs;
  outputs: Map<string, Record<string, Tensor>>;
  terms: Map<string, Tensor>;
  /** Inner-loop passes (latent inference) must not register after-step updates or keep tensors. */
  inner: boolean;
}

export function newPass(args: ForwardArgs): PassState {
  return { args, outputs: new Map(), terms: new Map(), inner: false };
}

/** Updates registered during a training pass, run after the optimizer step (EMA, queues, centres). */
export class AfterStepQueue {
  private pending: Array<{ fn: (set: (name: string, v: Tensor) => void) => void; state: StateMap }> = [];
  private retained: Tensor[] = [];

  add(fn: (set: (name: string, v: Tensor) => void) => void, state: StateMap): void {
    this.pending.push({ fn, state });
  }

  retain(t: Tensor): void {
    this.retained.push(tf.keep(t));
  }

  run(): void {
    const fns = this.pending;
    this.pending = [];
    for (const { fn, state } of fns) {
      tf.tidy(() =>
        fn((name, value) => {
          const old = state[name];
          state[name] = tf.keep(value);
          if (old && old !== value) old.dispose();
        }),
      );
    }
    this.disposeRetained();
  }

  clear(): void {
    this.pending = [];
    this.disposeRetained();
  }

  private disposeRetained(): void {
    for (const t of this.retained) t.dispose();
    this.retained = [];
  }
}

/** What differs when a momentum encoder applies a followed node with its own copies. */
interface CtxOverride {
  vars?: Record<string, Variable>;
  state?: StateMap;
  inputTypes?: Record<string, TensorType>;
  outputTypes?: Record<string, TensorType>;
  tag?: string;
}

type Ctx = ForwardCtx<ParamValues<ParamDefs>>;

export class NodeRunner {
  constructor(
    private readonly seed: number,
    private readonly dataset: (name: string) => Dataset,
    private readonly afterStep: AfterStepQueue,
  ) {}

  ctx(ps: PassState, n: CompiledNode, inputs: Record<string, Tensor>, over: CtxOverride = {}): Ctx {
    const { args } = ps;
    const state = over.state ?? n.state;
    const seed = this.seed;
    let call = 0;
    const ctx: Ctx = {
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
      dataset: this.dataset,
      term: (name, value) => {
        ps.terms.set(`${n.id}/${name}`, value);
      },
      afterStep: (fn) => {
        if (args.training && !ps.inner) this.afterStep.add(fn, state);
      },
      retain: (t) => {
        if (args.training && !ps.inner) this.afterStep.retain(t);
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
              m.node.spec.forward(this.ctx(ps, m.node, { in: h }, { vars: m.vars, state: m.state, inputTypes: { in: m.inputType }, outputTypes: { out: m.outputType }, tag: `mirror:${n.id}` })),
            )[0],
          x,
        );
    }
    return ctx;
  }

  /** Runs a node on its sources' outputs; an error names the node. */
  run(ps: PassState, n: CompiledNode, inspect?: (name: string, value: Tensor) => void): void {
    const forced = ps.args.overrides?.get(n.id);
    const inputs: Record<string, Tensor> = {};
    for (const [port, [src, sport]] of Object.entries(n.sources)) inputs[port] = ps.outputs.get(src)![sport];
    let out: Record<string, Tensor>;
    try {
      const ctx = this.ctx(ps, n, inputs);
      if (inspect) ctx.probe = inspect;
      out = n.spec.forward(ctx);
    } catch (e) {
      throw e instanceof NodeError ? e : new NodeError(n.id, `${n.spec.label}: ${(e as Error).message}`);
    }
    // overridden ports replace what the node computed; its other outputs stay
    if (forced) out = { ...out, ...forced };
    ps.outputs.set(n.id, out);
    if (n.spec.loss) ps.terms.set(n.id, out.loss);
  }
}
