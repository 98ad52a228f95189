// Parameters changed while a run is paused (step mode) or running take effect at
// the next step. Plan nodes read their parsed params at every call, so swapping
// them is the whole change, provided the weights, the wiring, the optimizer
// phases and the data stay as they are; anything else needs a new run and is
// refused with a sentence saying why, leaving the run untouched.
import * as tf from '@tensorflow/tfjs';
import type { LiveParamsEvent } from '../events';
import type { TrainSettings } from '../graph';
import type { ValidatedGraph, ValidNode } from '../validated-graph';
import type { CompiledNode, Plan } from './compile';
import type { FusedOptimizer } from './optimizer';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Names and shapes of the weights and state a node's init would create with these params (no tensor survives). */
function initShapes(n: ValidNode): Record<string, number[]> {
  const shapes: Record<string, number[]> = {};
  tf.tidy(() => {
    n.spec.init?.({
      tf,
      params: n.params,
      inputTypes: n.inputTypes,
      outputTypes: n.outputTypes,
      variable: (name, shape) => {
        shapes[`v:${name}`] = [...shape];
        return tf.zeros(shape) as unknown as tf.Variable;
      },
      state: (name, value) => {
        shapes[`s:${name}`] = [...value.shape];
      },
    });
  });
  return shapes;
}

function currentShapes(n: CompiledNode): Record<string, number[]> {
  const shapes: Record<string, number[]> = {};
  for (const [k, v] of Object.entries(n.vars)) shapes[`v:${k}`] = [...v.shape];
  for (const [k, v] of Object.entries(n.state)) shapes[`s:${k}`] = [...v.shape];
  return shapes;
}

const show = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : JSON.stringify(v));

/** Why `next` cannot replace node `n`'s params in place, or null when it can. */
function refusal(n: CompiledNode, next: ValidNode | undefined): string | null {
  if (!next || next.spec !== n.spec) return `${n.id} was removed or replaced`;
  if (!same(next.sources, n.sources)) return `the wires into ${n.id} changed`;
  if (!same(next.inputTypes, n.inputTypes) || !same(next.outputTypes, n.outputTypes)) return `${n.spec.label} (${n.id}) now outputs another shape`;
  if (n.spec.data) return `${n.spec.label} (${n.id}) chooses the data`;
  const loss = n.spec.loss;
  if (loss && (loss.phase(next.params) !== loss.phase(n.params) || (loss.trains?.(next.params) ?? 'all') !== (loss.trains?.(n.params) ?? 'all') || (loss.repeats?.(next.params) ?? 1) !== (loss.repeats?.(n.params) ?? 1))) {
    return `${n.spec.label} (${n.id}) now trains other networks`;
  }
  const m = n.spec.mirror;
  if (m && !same(m.follows(next.params), m.follows(n.params))) return `${n.spec.label} (${n.id}) now follows other networks`;
  let shapes: Record<string, number[]>;
  try {
    shapes = initShapes(next);
  } catch (e) {
    return `${n.spec.label} (${n.id}): ${(e as Error).message}`;
  }
  if (!same(shapes, currentShapes(n))) return `${n.spec.label} (${n.id}) would get weights of another shape`;
  return null;
}

/**
 * Applies the params of `next` (the same graph, edited) to the running plan, and its learning
 * rate to the optimizers; all or nothing.
 */
export function applyLiveParams(plan: Plan, settings: TrainSettings, optimizers: Iterable<FusedOptimizer>, next: ValidatedGraph, step: number): LiveParamsEvent {
  const refuse = (why: string): LiveParamsEvent => ({ type: 'live', step, applied: [], refused: `${why}: Stop and train again to use this change` });
  const nt = next.graph.meta.train;
  if (nt.optimizer !== settings.optimizer || nt.beta1 !== settings.beta1) return refuse('the optimizer changed');
  const changed: Array<[CompiledNode, ValidNode]> = [];
  for (const n of plan.nodes) {
    const nn = next.byId.get(n.id);
    if (nn && nn.spec === n.spec && same(nn.params, n.params) && same(nn.sources, n.sources)) continue;
    const why = refusal(n, nn);
    if (why) return refuse(why);
    changed.push([n, nn!]);
  }
  const applied: string[] = [];
  for (const [n, nn] of changed) {
    const before = n.params as Record<string, unknown>;
    const after = nn.params as Record<string, unknown>;
    for (const k of Object.keys(after)) if (!same(before[k], after[k])) applied.push(`${n.id}.${k} ${show(before[k])} → ${show(after[k])}`);
    n.params = nn.params;
    const loss = n.spec.loss;
    if (loss) for (const p of plan.phases) for (const l of p.losses) if (l.id === n.id) l.weight = loss.weight(nn.params);
  }
  if (nt.learningRate !== settings.learningRate) {
    applied.push(`learning rate ${show(settings.learningRate)} → ${show(nt.learningRate)}`);
    settings.learningRate = nt.learningRate;
    for (const o of optimizers) o.setLearningRate(nt.learningRate);
  }
  return { type: 'live', step, applied, refused: null };
}
