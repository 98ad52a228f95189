// The studio's side of the PyTorch parity check: one training step's batch, the
// random draws each pass made (augmented views, noise, k-means++ seeds, the
// power-iteration start), and each optimizer phase's loss and gradients at the
// current weights, without applying them. Also reads every weight and state
// tensor of a plan (the weights an export starts from) and writes them back
// (importing a PyTorch checkpoint).
import * as tf from '@tensorflow/tfjs';
import type { ExportPlan } from '../export/plan';
import type { NpzArray } from '../export/npz';
import { toTorchLayout, type Named } from '../export/weights';
import { hashSeed, BatchSampler } from '../rng';
import type { Tensor, Variable } from '../spec';
import type { Plan } from './compile';
import { powerStart } from './compile/latent';

/** Every variable and state tensor, by `<node id>.<name>` (momentum copies: `<id>.<followed>/<name>`). */
export function planTensors(plan: Plan): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  for (const n of plan.nodes) {
    for (const [k, t] of Object.entries({ ...n.vars, ...n.state })) out.set(`${n.id}.${k}`, t);
    for (const m of n.mirrors ?? []) for (const [k, t] of Object.entries({ ...m.vars, ...m.state })) out.set(`${n.id}.${m.node.id}/${k}`, t);
  }
  return out;
}

export function readPlanTensors(plan: Plan): Named {
  const out: Named = {};
  for (const [k, t] of planTensors(plan)) out[k] = { shape: [...t.shape], data: Float32Array.from(t.dataSync()) };
  return out;
}

/** Overwrites tensors of a plan (an imported checkpoint); returns the keys it set. */
export function writePlanTensors(plan: Plan, values: Named): string[] {
  const set: string[] = [];
  for (const n of plan.nodes) {
    const assign = (rec: Record<string, Tensor>, key: string, name: string) => {
      const v = values[key];
      const cur = rec[name];
      if (!v || !cur) return;
      if (v.shape.join(',') !== cur.shape.join(',')) throw new Error(`${key}: shape [${v.shape.join(', ')}] does not fit [${cur.shape.join(', ')}]`);
      const t = tf.tensor(v.data, v.shape, cur.dtype);
      if ((cur as Variable).assign) {
        (cur as Variable).assign(t);
        t.dispose();
      } else {
        rec[name] = tf.keep(t);
        cur.dispose();
      }
      set.push(key);
    };
    for (const name of Object.keys(n.vars)) assign(n.vars, `${n.id}.${name}`, name);
    for (const name of Object.keys(n.state)) assign(n.state, `${n.id}.${name}`, name);
    for (const m of n.mirrors ?? []) {
      for (const name of Object.keys(m.vars)) assign(m.vars, `${n.id}.${m.node.id}/${name}`, name);
      for (const name of Object.keys(m.state)) assign(m.state, `${n.id}.${m.node.id}/${name}`, name);
    }
  }
  return set;
}

const f32 = (t: Tensor): NpzArray => ({ shape: [...t.shape], data: Float32Array.from(t.dataSync()) });

/**
 * The parity data of step 1 (parity.npz keys: batch/*, meta/total_steps, draw/<pass>/<name>,
 * loss/<pass>, grad/<pass>/<state_dict key>). Runs the forward passes as the trainer's
 * first step would (same batch, same pass indices), reads the draws out of them, and
 * takes each phase's gradient at the current weights; nothing is updated.
 */
export function parityStep(
  plan: Plan,
  exported: ExportPlan,
  seed: number,
  totalSteps: number,
): Record<string, NpzArray> {
  const out: Record<string, NpzArray> = {};
  const ds = plan.dataset;
  const indices = new BatchSampler(ds.train.count, hashSeed(seed, 'batches')).next(plan.batchSize);
  const sample = ds.sampleShape.reduce((a, b) => a * b, 1);
  const rows = (src: Uint8Array | Float32Array, width: number) => {
    const o = src instanceof Uint8Array ? new Uint8Array(indices.length * width) : new Float32Array(indices.length * width);
    indices.forEach((r, i) => o.set(src.subarray(r * width, (r + 1) * width), i * width));
    return o;
  };
  const split = ds.train;
  out['batch/x'] = { shape: [indices.length, ...ds.sampleShape], data: rows((split.pixels ?? split.values)!, sample) };
  out['batch/labels'] = { shape: [indices.length], data: Uint8Array.from(indices, (r) => split.labels[r]) };
  if (split.factors) {
    const k = split.factors.length / split.count;
    out['batch/factors'] = { shape: [indices.length, k], data: rows(split.factors, k) };
  }
  out['meta/total_steps'] = { shape: [], data: Float32Array.of(totalSteps) };

  const keyOf = new Map<string, string>();
  for (const n of plan.nodes) for (const [name, v] of Object.entries(n.vars)) keyOf.set(v.name, `${n.id}.${name}`);
  const torchOf = new Map(exported.weightMap.map((w) => [w.studio, w]));
  const batch = { split: 'train' as const, indices };
  plan.updateMirrors('before-step', 1, totalSteps);
  plan.phases.forEach((phase, pi) => {
    const kept: Array<[string, Tensor]> = [];
    const lossOf = () => {
      const r = plan.forward({ training: true, step: 1, totalSteps, batch, pass: pi });
      for (const n of plan.nodes) {
        const o = r.outputs.get(n.id);
        if (!o) continue;
        if (n.spec.category === 'augment') kept.push([`${n.id}.out`, tf.keep(o.out)]);
        if (n.spec.latent) kept.push([`${n.id}.power`, tf.keep(powerStart(seed, n.id, [indices.length, n.spec.latent.dim(n.params)]))]);
        if (n.spec.draws) {
          const inputs = Object.fromEntries(Object.entries(n.sources).map(([port, [src, out]]) => [port, r.outputs.get(src)![out]]));
          let call = 0;
          // the seeds the runner gave this node's forward at step 1 of this pass
          const replay = () => hashSeed(seed, n.id, '', 1, pi, call++);
          const drawn = n.spec.draws({ tf, params: n.params, inputs, outputs: o, state: n.state, seed: replay });
          for (const [name, t] of Object.entries(drawn)) kept.push([`${n.id}.${name}`, tf.keep(t)]);
        }
      }
      let total: Tensor = tf.scalar(0);
      for (const l of phase.losses) total = tf.add(total, tf.mul(r.terms.get(l.id)!, l.weight));
      return total as tf.Scalar;
    };
    if (phase.vars.length === 0) {
      const value = tf.tidy(() => tf.keep(lossOf()));
      out[`loss/${pi}`] = { shape: [], data: Float32Array.from(value.dataSync()) };
      value.dispose();
    } else {
      const { value, grads } = tf.variableGrads(lossOf, phase.vars);
      out[`loss/${pi}`] = { shape: [], data: Float32Array.from(value.dataSync()) };
      for (const [name, g] of Object.entries(grads)) {
        const w = torchOf.get(keyOf.get(name)!);
        if (w) out[`grad/${pi}/${w.torch}`] = toTorchLayout(f32(g) as { shape: number[]; data: Float32Array }, w.layout);
      }
      value.dispose();
      tf.dispose(Object.values(grads));
    }
    for (const [name, t] of kept) {
      out[`draw/${pi}/${name}`] = f32(t);
      t.dispose();
    }
    plan.clearAfterStep();
  });
  return out;
}
