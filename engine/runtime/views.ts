// The views' snapshots at a step: image rows, then each monitor the UI asked
// for (collapse, node statistics, energy, attention, the latent plot). All reads
// are async and a Stop sent during the pass ends it.
import type { TrainEvent } from '../events';
import type { Plan } from './compile';
import { attentionSnapshot } from './attention-maps';
import { representationPort } from './evaluate';
import { generativeRows, imageRows } from './image-rows';
import { collapseSnapshot, energySnapshot, evalSubset, latentSnapshot, nodeStats, plottable } from './monitors';
import type { Control, RunOptions } from './trainer';

export interface ViewsContext {
  plan: Plan;
  monitors: NonNullable<RunOptions['monitors']>;
  /** Held-out rows the monitors look at (evalSubset). */
  subset: ReturnType<typeof evalSubset>;
  galleryRows: Parameters<typeof attentionSnapshot>[1];
  /** Held-out rows of the image grids. */
  gridIdx: Int32Array;
  control: Control;
  emit: (e: TrainEvent) => void;
}

let timerOnly = false;
/** bench:step --before-after: yield with setTimeout(0), as the trainer did before. */
export function yieldWithTimer(on: boolean): void {
  timerOnly = on;
}

/**
 * One turn of the event loop, so queued messages (Pause, Stop) get in. Not
 * setTimeout(0): that sleeps at least 1 ms, and browsers clamp a timer set from
 * a timer's continuation to 4 ms after five in a row, which the trainer, yielding
 * after every step of 25 ms or more, would pay at every step (bench:step); on a
 * busy machine the sleep also gives the core away. setImmediate (Node) and a
 * message to itself (workers, pages) run as soon as what is queued has run.
 */
export function yieldToEventLoop(): Promise<void> {
  if (timerOnly) return new Promise((r) => setTimeout(r, 0));
  if (typeof setImmediate === 'function') return new Promise((r) => setImmediate(r));
  if (typeof MessageChannel === 'function') {
    return new Promise((r) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        r();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
}

/** The snapshot function of a run: `snapshot(step, latent)`. */
export function viewSnapshots({ plan, monitors, subset, galleryRows, gridIdx, control, emit }: ViewsContext) {
  return async (step: number, latent: boolean): Promise<void> => {
    const rows = [...(await imageRows(plan, step, gridIdx)), ...(await generativeRows(plan, step, gridIdx))];
    emit({ type: 'images', step, rows });
    const parts: Array<[boolean, () => Promise<TrainEvent | null>]> = [
      [monitors.collapse, () => collapseSnapshot(plan, subset, step)],
      [monitors.nodeStats, () => nodeStats(plan, subset, step)],
      [monitors.energy, () => energySnapshot(plan, step)],
      [!!monitors.attention, () => attentionSnapshot(plan, galleryRows, step)],
      [
        latent,
        async () => {
          const ref = plottable(plan, control.probe ?? null) ?? representationPort(plan);
          return ref ? latentSnapshot(plan, ref, subset, step, control.projection ?? 'pca') : null;
        },
      ],
    ];
    for (const [on, part] of parts) {
      if (!on) continue;
      // a Stop sent during the pass gets in here (a macrotask) and ends the pass
      await yieldToEventLoop();
      if (control.stopped) return;
      const e = await part();
      if (e) emit(e);
    }
  };
}
