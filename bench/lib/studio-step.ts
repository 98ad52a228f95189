// The studio's side of `npm run bench:step`: the real trainer loop
// (runTraining) on a preset, timed between its first and last metrics events,
// with every kernel dispatched by the tfjs engine counted and the forward time
// of data and augmentation nodes measured (wasm kernels run synchronously, so
// wall time inside a forward is their compute).
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../../engine/graph';
import type { Dataset, NodeSpec } from '../../engine/spec';
import { runTraining } from '../../engine/runtime/trainer';
import { validateForTraining } from '../../engine/validated-graph';
import { getSpec } from '../../nodes/registry';

/** Counts engine kernel dispatches (forward and backward ops alike) while `on`. */
export const kernelCounter = (() => {
  const engine = tf.engine() as unknown as { runKernel: (...a: unknown[]) => unknown };
  const orig = engine.runKernel.bind(engine);
  const c = { count: 0, on: false };
  engine.runKernel = (...a: unknown[]) => {
    if (c.on) c.count++;
    return orig(...a);
  };
  return c;
})();

const timers = { data: 0, augment: 0 };
const wrapped = new Map<string, NodeSpec>();

/** The registry, with data and augmentation forwards timed into `timers`. */
function timedSpec(type: string): NodeSpec | undefined {
  const spec = getSpec(type);
  const kind = type.startsWith('data.') ? 'data' : type.startsWith('augment.') ? 'augment' : null;
  if (!spec || !kind) return spec;
  if (!wrapped.has(type)) {
    wrapped.set(type, {
      ...spec,
      forward: (ctx: never) => {
        const t = performance.now();
        const out = spec.forward(ctx);
        timers[kind] += performance.now() - t;
        return out;
      },
    } as NodeSpec);
  }
  return wrapped.get(type);
}

/** The graph with every augmentation switched off (p = 0 makes each one the identity). */
export function withoutAugmentation(g: Graph): Graph {
  return { ...g, nodes: g.nodes.map((n) => (n.type.startsWith('augment.') ? { ...n, params: { ...n.params, p: 0 } } : n)) };
}

export interface StudioTiming {
  ms: number;
  kernels: number;
  dataMs: number;
  augmentMs: number;
  /** CPU time of this process per step (all its threads), less sensitive to other jobs than wall time. */
  cpuMs: number;
}

/**
 * ms and kernels per step over steps 2..n (step 1 builds kernels and buffers),
 * monitors off and one loss read at the end, as a long run's typical stretch.
 * `monitors`: the views the studio opens by default, at the graph's intervals.
 */
export async function timeStudio(graph: Graph, datasets: Map<string, Dataset>, n: number, monitors = false): Promise<StudioTiming> {
  const g: Graph = { ...graph, meta: { ...graph.meta, train: { ...graph.meta.train, logEvery: 100_000, ...(monitors ? {} : { imageEvery: 100_000, latentEvery: 100_000 }) } } };
  const v = validateForTraining(g, timedSpec as never);
  if (!v.ok) throw new Error(v.issues.map((i) => i.message).join('; '));
  let t1 = 0;
  let tn = 0;
  let k1 = 0;
  let kn = 0;
  let c1 = process.cpuUsage();
  let cn = c1;
  timers.data = 0;
  timers.augment = 0;
  let d1 = 0;
  let a1 = 0;
  let dn = 0;
  let an = 0;
  kernelCounter.count = 0;
  kernelCounter.on = true;
  const done = await runTraining({
    validated: v.graph,
    datasets,
    backend: tf.getBackend() as never,
    steps: n,
    monitors: monitors ? { latent: true, collapse: true, nodeStats: true, energy: false } : undefined,
    emit: (e) => {
      if (e.type !== 'metrics') return;
      if (e.step === 1) {
        t1 = performance.now();
        k1 = kernelCounter.count;
        d1 = timers.data;
        a1 = timers.augment;
        c1 = process.cpuUsage();
      } else if (e.step === n) {
        cn = process.cpuUsage();
        tn = performance.now();
        kn = kernelCounter.count;
        dn = timers.data;
        an = timers.augment;
      }
    },
  });
  kernelCounter.on = false;
  if (done.state !== 'done') throw new Error(`studio run ended ${done.state}: ${done.error ?? ''}`);
  const steps = n - 1;
  return { ms: (tn - t1) / steps, kernels: (kn - k1) / steps, dataMs: (dn - d1) / steps, augmentMs: (an - a1) / steps, cpuMs: (cn.user + cn.system - c1.user - c1.system) / 1000 / steps };
}
