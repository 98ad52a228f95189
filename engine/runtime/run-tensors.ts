// A run's tensors in and out, on request: imported weights written over the
// seeded initialisation before the first step, and when it ends the held-out
// embeddings of the representation (an `embeddings` event) and every weight and
// state tensor (a `weights` event, for the PyTorch export).
import type { TrainEvent } from '../events';
import type { Plan } from './compile';
import { embedSplit, representationPort } from './evaluate';
import { planTensors, writePlanTensors } from './export-step';

/** Writes the imported tensors; on failure disposes the plan, emits the error and returns it. */
export function loadInitialWeights(plan: Plan, weights: Record<string, { shape: number[]; data: Float32Array }>, emit: (e: TrainEvent) => void): string | null {
  try {
    const set = writePlanTensors(plan, weights);
    const all = [...planTensors(plan).keys()];
    const kept = all.filter((k) => !set.includes(k));
    if (kept.length) emit({ type: 'issues', issues: [{ code: 'runtime', severity: 'warning', nodeIds: [...new Set(kept.map((k) => k.split('.')[0]))], message: `the imported weights hold no ${kept.slice(0, 4).join(', ')}${kept.length > 4 ? ', …' : ''}: those keep their initial values` }] });
    return null;
  } catch (e) {
    plan.dispose();
    const msg = `could not load the imported weights: ${(e as Error).message}`;
    emit({ type: 'issues', issues: [{ code: 'runtime', severity: 'error', nodeIds: [], message: msg }] });
    return msg;
  }
}

export async function emitEmbeddings(plan: Plan, step: number, emit: (e: TrainEvent) => void): Promise<void> {
  const rep = representationPort(plan);
  if (!rep) return;
  const e = embedSplit(plan, rep, 'test');
  const data = new Float32Array(await e.data());
  const shape = e.shape as [number, number];
  e.dispose();
  emit({ type: 'embeddings', step, source: `${rep.node}.${rep.port}`, data, shape, labels: Uint8Array.from(plan.dataset.test.labels) });
}

export async function emitWeights(plan: Plan, step: number, emit: (e: TrainEvent) => void): Promise<void> {
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const [k, t] of planTensors(plan)) tensors[k] = { shape: [...t.shape], data: Float32Array.from(await t.data()) };
  emit({ type: 'weights', step, tensors });
}
