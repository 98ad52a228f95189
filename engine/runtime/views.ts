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
import { yieldToEventLoop } from './yield';

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
