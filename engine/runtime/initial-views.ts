// The views of the untrained model (step 0) without making the first step wait for them.
// Those views run the model over a thousand held-out samples several times: on a small
// MLP about as long as one or two training steps, all before the user sees a loss. So a
// run keeps a copy of every weight and state tensor as compiled, takes its first step and
// shows its losses, then puts the copy back for the step-0 views and its trained tensors
// after. The views are what they were (the compiled, seeded model); only their time moves.
import * as tf from '@tensorflow/tfjs';
import type { Tensor, Variable } from '../spec';
import type { Plan } from './compile';

type Slot = { rec: Record<string, Tensor>; name: string };

/** Every weight and state tensor of the plan, where it lives (mirrors included). */
function slots(plan: Plan): Slot[] {
  const out: Slot[] = [];
  const add = (rec: Record<string, Tensor>) => Object.keys(rec).forEach((name) => out.push({ rec, name }));
  for (const n of plan.nodes) {
    add(n.vars);
    add(n.state);
    for (const m of n.mirrors ?? []) {
      add(m.vars);
      add(m.state);
    }
  }
  return out;
}

const isVariable = (t: Tensor): t is Variable => typeof (t as Variable).assign === 'function';

export class InitialState {
  private saved: Array<Slot & { value: Tensor }>;

  /** Call right after compiling (and after imported weights are written). */
  constructor(private readonly plan: Plan) {
    this.saved = slots(plan).map((s) => ({ ...s, value: tf.keep(s.rec[s.name].clone()) }));
  }

  /** Runs `views` on the model as it was compiled, then restores the trained tensors. */
  async show(views: () => Promise<void>): Promise<void> {
    const trained = this.saved.map(({ rec, name, value }) => {
      const now = rec[name];
      if (isVariable(now)) {
        const copy = tf.keep(now.clone());
        now.assign(value);
        return copy;
      }
      rec[name] = value;
      return now;
    });
    try {
      await views();
    } finally {
      this.saved.forEach(({ rec, name, value }, i) => {
        const now = rec[name];
        // a variable's trained values were a copy; a state entry's are the tensor itself
        if (isVariable(now)) {
          now.assign(trained[i]);
          trained[i].dispose();
        } else rec[name] = trained[i];
        value.dispose();
      });
      this.saved = [];
    }
  }

  dispose(): void {
    for (const s of this.saved) s.value.dispose();
    this.saved = [];
  }
}
