// Step mode's view of one training step: every node's output statistics on the
// step's own training batch and the gradient norm of each trainable tensor. Both
// come from tensors the step computes anyway (the forward pass's outputs, the
// gradients handed to the optimizer): no second forward or backward pass. The
// collector keeps a few small tensors until the step's one device read.
import * as tf from '@tensorflow/tfjs';
import type { StepStatsEvent } from '../events';
import type { Tensor, Variable } from '../spec';
import type { Plan } from './compile';
import { portStatRows, portStats } from './monitors';

interface Owner {
  nodeId: string;
  name: string;
  shape: number[];
}

export class StepStats {
  private stats: { rows: Tensor; keys: Array<[string, string]> } | null = null;
  private norms: Array<{ phase: string; owners: Owner[]; values: Tensor }> = [];
  private readonly owners = new Map<string, Owner>();

  constructor(private readonly plan: Plan) {
    for (const n of plan.nodes) for (const [name, v] of Object.entries(n.vars)) this.owners.set(v.name, { nodeId: n.id, name, shape: [...v.shape] });
  }

  /** Called with each training pass's outputs (inside the pass): the first pass of the step is measured. */
  outputs(outputs: Map<string, Record<string, Tensor>>): void {
    if (this.stats) return;
    const { rows, keys } = portStatRows(this.plan, outputs);
    if (rows) this.stats = { rows: tf.keep(rows), keys };
  }

  /** The gradients one phase hands its optimizer, by variable name. */
  gradients(phase: string, grads: Record<string, Tensor>, vars: readonly Variable[]): void {
    const names = vars.map((v) => v.name).filter((n) => grads[n]);
    if (!names.length) return;
    const values = tf.tidy(() => tf.stack(names.map((n) => tf.norm(grads[n])))); // [V]
    this.norms.push({ phase, owners: names.map((n) => this.owners.get(n) ?? { nodeId: n, name: n, shape: [...grads[n].shape] }), values });
  }

  /** The step's statistics in one device read; frees what it kept. */
  async read(step: number): Promise<StepStatsEvent> {
    const parts = [this.stats?.rows, ...this.norms.map((n) => n.values)].filter((t): t is Tensor => !!t);
    const flat = parts.length ? tf.tidy(() => tf.concat(parts.map((t) => tf.reshape(t, [-1])))) : null;
    let v: Float32Array | Int32Array | Uint8Array = new Float32Array(0);
    try {
      if (flat) v = await flat.data();
    } finally {
      flat?.dispose();
      tf.dispose(parts);
    }
    const stats = this.stats ? portStats(v, this.stats.keys) : {};
    let i = this.stats ? this.stats.keys.length * 5 : 0;
    const grads: StepStatsEvent['grads'] = [];
    for (const n of this.norms) for (const o of n.owners) grads.push({ phase: n.phase, ...o, norm: v[i++] });
    this.stats = null;
    this.norms = [];
    return { type: 'stepstats', step, stats, grads };
  }

  /** Drops what a failed step kept. */
  clear(): void {
    if (this.stats) this.stats.rows.dispose();
    tf.dispose(this.norms.map((n) => n.values));
    this.stats = null;
    this.norms = [];
  }
}
