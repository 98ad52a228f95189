// A minimal stand-in for the compiler around ONE node, for the node unit tests
// (nodes/registry.test.ts, nodes/loss/losses.test.ts): typical input types, init
// with seeded variables and state, a ForwardCtx that records sub-terms, after-step
// updates and retained tensors, and the after-step run (the compiler's rules:
// inside a tidy, setState takes ownership and frees the old value).
// Imported only by tests; the tensor library is passed in, like everywhere in nodes/.
import { defaultParams, type ParamDefs } from '../engine/params';
import { initTensor } from '../engine/ops/init';
import type { Dataset, ForwardCtx, InferArgs, NodeSpec, Tensor, Tf, Variable } from '../engine/spec';
import { isProblem, type PortType, type TensorType } from '../engine/types';

/** Rows of one view in the tests' batches. */
export const TEST_BATCH = 4;

/** The input type each port type gets unless the spec's `example` says otherwise. */
export const TYPICAL_INPUTS: Record<PortType, TensorType> = {
  image: { type: 'image', shape: ['B', 28, 28, 1] },
  vector: { type: 'vector', shape: ['B', 16] },
  latent: { type: 'latent', shape: ['B', 16] },
  distribution: { type: 'distribution', shape: ['B', 2, 16] },
  scalar: { type: 'scalar', shape: [] },
  labels: { type: 'labels', shape: ['B'] },
  tokens: { type: 'tokens', shape: ['B', 16, 32], grid: [4, 4] },
  mask: { type: 'mask', shape: ['B', 4, 4] },
};

/** Typical input types of a node: its `example` where given, else by port type. */
export function exampleInputTypes(spec: NodeSpec<ParamDefs>): Record<string, TensorType> {
  const out: Record<string, TensorType> = {};
  for (const p of spec.inputs) out[p.id] = spec.example?.inputs[p.id] ?? TYPICAL_INPUTS[p.type];
  return out;
}

/** Concrete shape of a symbolic type: 'B' becomes views·batch rows. */
export function concreteShape(t: TensorType, batch = TEST_BATCH): number[] {
  return t.shape.map((d) => (d === 'B' ? batch * (t.views ?? 1) : d));
}

export const FAKE_DATASET: Dataset = {
  name: 'mnist',
  kind: 'image',
  sampleShape: [28, 28, 1],
  classes: 10,
  train: { pixels: new Uint8Array(10 * 784).fill(128), labels: Uint8Array.from({ length: 10 }, (_, i) => i), count: 10 },
  test: { pixels: new Uint8Array(10 * 784).fill(64), labels: Uint8Array.from({ length: 10 }, (_, i) => i), count: 10 },
};

/** Random inputs of the given types (labels: zeros, int32). */
export function randomInputs(tf: Tf, types: Record<string, TensorType>, batch = TEST_BATCH, seed = 7): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(types)) {
    out[k] = t.type === 'labels' ? tf.zeros(concreteShape(t, batch), 'int32') : tf.randomUniform(concreteShape(t, batch), 0, 1, 'float32', seed);
  }
  return out;
}

export interface ForwardOptions {
  training?: boolean;
  /** Defaults to one more than the previous forward's step (1 first). */
  step?: number;
  /** Rows of one view, for `ctx.batch` (default: inferred from the first input, else TEST_BATCH). */
  batch?: number;
  /** Ask loss nodes for per-sample energies (the energy landscape). */
  perSample?: boolean;
  /** Inspect the node (ctx.probe): receives its internal tensors; keep what you need (tf.keep). */
  probe?: (name: string, value: Tensor) => void;
}

export interface NodeHarness {
  params: Record<string, unknown>;
  inputTypes: Record<string, TensorType>;
  outputTypes: Record<string, TensorType>;
  vars: Record<string, Variable>;
  /** The node's state; after-step updates replace entries. */
  state: Record<string, Tensor>;
  /** Sub-terms reported by the last forward, by name. */
  terms: Record<string, Tensor>;
  /** Runs the node's forward (inside a tidy); outputs and terms stay alive until dispose(). */
  forward(inputs: Record<string, Tensor>, opts?: ForwardOptions): Record<string, Tensor>;
  /** Runs (then drops) the after-step updates registered since the last call, and frees retained tensors. */
  runAfterStep(): void;
  /** Frees variables, state, outputs, terms and retained tensors. */
  dispose(): void;
}

let harnessCount = 0;

/**
 * Wraps one node: parses nothing (pass valid params), runs `infer` (throws on a
 * problem) and `init`. Defaults: the spec's default params and example input types.
 */
export function nodeHarness(
  tf: Tf,
  spec: NodeSpec<ParamDefs>,
  opts: { params?: Record<string, unknown>; inputTypes?: Record<string, TensorType>; dataset?: Dataset; seed?: number; lookupNode?: InferArgs<never>['lookupNode']; mirrored?: (x: Tensor) => Tensor } = {},
): NodeHarness {
  const id = ++harnessCount;
  const params = { ...defaultParams(spec.params), ...opts.params } as Record<string, unknown>;
  const inputTypes = opts.inputTypes ?? exampleInputTypes(spec);
  const inferred = spec.infer({ inputs: inputTypes, params: params as never, lookupNode: opts.lookupNode });
  if (isProblem(inferred)) throw new Error(`${spec.type}: infer: ${inferred.problem}`);
  const outputTypes = inferred;
  const vars: Record<string, Variable> = {};
  const state: Record<string, Tensor> = {};
  let seed = opts.seed ?? 1;
  spec.init?.({
    tf,
    params: params as never,
    inputTypes,
    outputTypes,
    variable: (name, shape, kind, fanIn) => (vars[name] = tf.tidy(() => tf.variable(initTensor(tf, kind, shape, seed++, fanIn), true, `h${id}/${spec.type}/${name}`))),
    state: (name, value) => {
      state[name] = tf.keep(value);
    },
  });

  let terms: Record<string, Tensor> = {};
  let pending: Array<(set: (name: string, value: Tensor) => void) => void> = [];
  let retained: Tensor[] = [];
  const produced: Tensor[] = [];
  let lastStep = 0;

  const h: NodeHarness = {
    params,
    inputTypes,
    outputTypes,
    vars,
    state,
    get terms() {
      return terms;
    },
    forward(inputs, o = {}) {
      const training = o.training ?? true;
      const step = o.step ?? lastStep + 1;
      lastStep = step;
      const first = Object.entries(inputs)[0];
      const rows = o.batch ?? (first && first[1].rank > 0 ? first[1].shape[0] / (inputTypes[first[0]]?.views ?? 1) : TEST_BATCH);
      const newTerms: Record<string, Tensor> = {};
      const ctx: ForwardCtx<unknown> = {
        tf,
        params,
        inputs,
        inputTypes,
        outputTypes,
        vars,
        state,
        training,
        step,
        totalSteps: Math.max(10, step),
        perSample: o.perSample ?? false,
        seed: () => seed++,
        batch: { split: training ? 'train' : 'test', indices: Int32Array.from({ length: rows }, (_, i) => i) },
        dataset: () => opts.dataset ?? FAKE_DATASET,
        term: (name, value) => {
          newTerms[name] = value;
        },
        afterStep: (fn) => {
          if (training) pending.push(fn);
        },
        retain: (t) => {
          if (training) retained.push(tf.keep(t));
          return t;
        },
        wants: () => true,
        mirrored: opts.mirrored ?? ((x) => x),
        ...(o.probe ? { probe: o.probe } : {}),
      };
      const r = tf.tidy(() => {
        const outs = spec.forward(ctx as ForwardCtx<never>);
        return { outs, terms: newTerms };
      });
      terms = r.terms;
      produced.push(...Object.values(r.outs), ...Object.values(r.terms));
      return r.outs;
    },
    runAfterStep() {
      const fns = pending;
      pending = [];
      for (const fn of fns) {
        tf.tidy(() =>
          fn((name, value) => {
            const old = state[name];
            state[name] = tf.keep(value);
            if (old && old !== value) old.dispose();
          }),
        );
      }
      tf.dispose(retained);
      retained = [];
    },
    dispose() {
      pending = [];
      tf.dispose([...retained, ...produced, ...Object.values(vars), ...Object.values(state)]);
      retained = [];
    },
  };
  return h;
}
