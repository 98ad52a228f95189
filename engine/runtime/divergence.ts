// Divergence and dead-network checks over the values the trainer already has:
// every step's phase totals (read in one batch per logged step, so no extra
// device round trip) and the logged gradient norms.
//   - a non-finite total or gradient norm stops the run, naming the step and the loss nodes;
//   - a total 1,000× the run's own median so far warns once per phase (it may recover);
//   - a gradient norm of exactly 0 on 3 logged steps in a row warns: nothing trains.
import type { GraphIssue } from '../types';

/** A total this many times the median |total| of the run so far is an explosion. */
export const EXPLOSION_FACTOR = 1000;
/** Steps of history before an explosion can be judged. */
export const EXPLOSION_MIN_HISTORY = 1;
/** Logged steps in a row with a zero gradient norm before the network is called dead. */
export const DEAD_LOGGED_STEPS = 3;
const HISTORY = 256;

export interface PhaseInfo {
  name: string;
  /** Loss node ids of the phase (named when its total goes bad). */
  lossIds: string[];
  /** Labels of those nodes, for the message. */
  labels: string[];
  /** Nodes with weights this phase trains (named when its gradients vanish). */
  trainedIds: string[];
  trainable: boolean;
}

export type Verdict = { stop: GraphIssue } | { warnings: GraphIssue[] };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export class DivergenceWatch {
  private readonly history = new Map<string, number[]>();
  private readonly warned = new Set<string>();
  private readonly zeroRuns = new Map<string, number>();

  constructor(
    private readonly phases: PhaseInfo[],
    private readonly learningRate: number,
  ) {}

  private phase(name: string): PhaseInfo {
    return this.phases.find((p) => p.name === name) ?? { name, lossIds: [], labels: [], trainedIds: [], trainable: false };
  }

  /**
   * One step's totals per phase (in step order). `badTerms` names the terms that were
   * non-finite when the step was also logged, so the message can point at one node.
   */
  step(step: number, totals: ReadonlyArray<readonly [string, number]>, badTerms: string[] = []): Verdict {
    const warnings: GraphIssue[] = [];
    for (const [name, v] of totals) {
      const p = this.phase(name);
      if (!Number.isFinite(v)) {
        const nodes = badTerms.length ? [...new Set(badTerms.map((t) => t.split('/')[0]))] : p.lossIds;
        const named = nodes.map((id) => `${p.labels[p.lossIds.indexOf(id)] ?? id} (${id})`).join(', ');
        const message = `the loss became ${v} at step ${step}${named ? ` in ${named}` : ''}: the run diverged and was stopped. Lower the learning rate (now ${this.learningRate}) or check the loss inputs.`;
        return { stop: { code: 'diverged', severity: 'error', nodeIds: nodes, message } };
      }
      const h = this.history.get(name) ?? [];
      if (h.length >= EXPLOSION_MIN_HISTORY && !this.warned.has(`explode:${name}`)) {
        const ref = median(h.map(Math.abs));
        if (ref > 0 && Math.abs(v) > EXPLOSION_FACTOR * ref) {
          this.warned.add(`explode:${name}`);
          warnings.push({
            code: 'exploding',
            severity: 'warning',
            nodeIds: p.lossIds,
            message: `the ${name} loss jumped to ${v.toPrecision(3)} at step ${step}, ${Math.round(Math.abs(v) / ref).toLocaleString('en-US')}× its median so far (${ref.toPrecision(3)}): training is unstable. A lower learning rate (now ${this.learningRate}) usually helps.`,
          });
        }
      }
      h.push(v);
      if (h.length > HISTORY) h.shift();
      this.history.set(name, h);
    }
    return { warnings };
  }

  /** Gradient norms of a logged step. */
  gradients(step: number, norms: ReadonlyArray<readonly [string, number]>): Verdict {
    const warnings: GraphIssue[] = [];
    for (const [name, g] of norms) {
      const p = this.phase(name);
      if (!Number.isFinite(g)) {
        return { stop: { code: 'diverged', severity: 'error', nodeIds: p.trainedIds.length ? p.trainedIds : p.lossIds, message: `the gradient norm became ${g} at step ${step} (${name} phase): the run diverged and was stopped. Lower the learning rate (now ${this.learningRate}).` } };
      }
      if (!p.trainable) continue;
      const run = g === 0 ? (this.zeroRuns.get(name) ?? 0) + 1 : 0;
      this.zeroRuns.set(name, run);
      if (run === DEAD_LOGGED_STEPS && !this.warned.has(`dead:${name}`)) {
        this.warned.add(`dead:${name}`);
        warnings.push({
          code: 'dead-network',
          severity: 'warning',
          nodeIds: p.trainedIds.length ? p.trainedIds : p.lossIds,
          message: `the gradients of the ${name} phase have been exactly zero for ${DEAD_LOGGED_STEPS} logged steps (to step ${step}): nothing is learning. Often every ReLU unit died (try a lower learning rate, or leaky-relu / gelu), or a loss does not depend on any weight.`,
        });
      }
    }
    return { warnings };
  }
}
