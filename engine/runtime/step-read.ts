// What the trainer reads back for a logged step and checks: every step's phase
// totals since the last read (for the divergence check), the logged loss terms
// and the gradient norms, stacked into one tensor and read at once; and the
// divergence watch over the plan's phases that judges them (divergence.ts).
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '../spec';
import type { Plan } from './compile';
import { DivergenceWatch } from './divergence';

/** The watch over a plan's phases: each names its losses and the nodes it trains. */
export function planWatch(plan: Plan, learningRate: number): DivergenceWatch {
  const labelOf = (id: string) => plan.nodes.find((n) => n.id === id)?.spec.label ?? id;
  return new DivergenceWatch(
    plan.phases.map((p) => {
      const vars = new Set(p.vars);
      return {
        name: p.name,
        lossIds: p.losses.map((l) => l.id),
        labels: p.losses.map((l) => labelOf(l.id)),
        trainedIds: plan.nodes.filter((n) => Object.values(n.vars).some((v) => vars.has(v))).map((n) => n.id),
        trainable: p.vars.length > 0,
      };
    }),
    learningRate,
  );
}

export interface StepRead {
  /** Phase totals per step since the last read. */
  perStep: Map<number, Array<[string, number]>>;
  /** Logged loss terms of this step, by term id. */
  losses: Record<string, number>;
  normList: Array<[string, number]>;
  /** Logged terms that are not finite. */
  badTerms: string[];
}

/** Reads and disposes every given tensor. */
export async function readStep(
  step: number,
  checked: Array<[number, string, Tensor]>,
  logged: Array<[string, Tensor]>,
  norms: Array<[string, Tensor]>,
  phaseOfTerm: Map<string, string>,
): Promise<StepRead> {
  const all = [...checked.map(([, , t]) => t), ...logged.map(([, t]) => t), ...norms.map(([, t]) => t)];
  const stacked = tf.tidy(() => tf.stack(all.map((t) => tf.reshape(t, [])))); // [K]
  const vals = await stacked.data(); // the one device read
  stacked.dispose();
  tf.dispose(all);
  let i = 0;
  const perStep = new Map<number, Array<[string, number]>>();
  for (const [s, name] of checked) {
    const list = perStep.get(s) ?? [];
    list.push([name, vals[i++]]);
    perStep.set(s, list);
  }
  const losses: Record<string, number> = {};
  for (const [k] of logged) losses[k] = vals[i++];
  const normList = norms.map(([k]) => [k, vals[i++]] as [string, number]);
  const badTerms = Object.keys(losses).filter((k) => !Number.isFinite(losses[k]));
  // a non-finite term inside a finite total (weight 0, a monitored sub-term) is a divergence too
  if (badTerms.length && ![...(perStep.get(step) ?? [])].some(([, v]) => !Number.isFinite(v))) {
    perStep.set(step, [...(perStep.get(step) ?? []), [phaseOfTerm.get(badTerms[0].split('/')[0]) ?? 'main', losses[badTerms[0]]]]);
  }
  return { perStep, losses, normList, badTerms };
}
