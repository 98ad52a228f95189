// per-kernel CPU: run(n=11) - run(n=3), over 8 steps, studio vs hand
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { presetGraph } from './engine/presets';
import { selectBackend } from './engine/runtime/backend';
import { loadDatasets } from './engine/runtime/datasets';
import { readPublicAsset } from './engine/runtime/node-assets';
import { validateForTraining } from './engine/validated-graph';
import { getSpec } from './nodes/registry';
import { handStep } from './bench/lib/hand-steps';
import { timeStudio, withoutAugmentation } from './bench/lib/studio-step';
tf.env().set('PROD', true);
await selectBackend('wasm', false);
const preset = (process.argv[2] ?? 'simclr') as 'simclr';
const aug = process.argv[3] !== 'noaug';
const rounds = Number(process.argv[4] ?? 3);
const g0 = presetGraph(preset)!;
const g = aug ? g0 : withoutAugmentation(g0);
const v0 = validateForTraining(g, getSpec);
if (!v0.ok) throw 1;
const datasets = await loadDatasets(v0.graph.datasets, readPublicAsset);
const ds = datasets.get('mnist')!;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
type Acc = { k: Map<string, number>; n: Map<string, number>; total: number };
const mk = (): Acc => ({ k: new Map(), n: new Map(), total: 0 });
let cur: Acc | null = null;
let depth = 0;
{
  const engine = tf.engine() as unknown as { runKernel: (...a: unknown[]) => unknown };
  const orig = engine.runKernel.bind(engine);
  engine.runKernel = (...a: unknown[]) => {
    if (!cur || depth > 0) return orig(...a);
    depth++;
    const t = cpu();
    try { return orig(...a); } finally {
      depth--;
      const k = a[0] as string;
      cur.k.set(k, (cur.k.get(k) ?? 0) + cpu() - t);
      cur.n.set(k, (cur.n.get(k) ?? 0) + 1);
    }
  };
}
async function run(which: string, n: number, acc: Acc) {
  cur = acc;
  const c0 = cpu();
  if (which === 'studio') await timeStudio(g, datasets, n);
  else { const h = handStep(preset, ds, aug); for (let i = 1; i <= n; i++) h.step(i, n); h.dispose(); }
  acc.total += cpu() - c0;
  cur = null;
}
const long: Record<string, Acc> = { studio: mk(), hand: mk() };
const short: Record<string, Acc> = { studio: mk(), hand: mk() };
await run('studio', 3, mk()); await run('hand', 3, mk());
for (let r = 0; r < rounds; r++) for (const w of r % 2 ? ['hand', 'studio'] : ['studio', 'hand']) { await run(w, 11, long[w]); await run(w, 3, short[w]); }
const steps = 8 * rounds;
const per = (w: string, m: 'k' | 'n', k: string) => ((long[w][m].get(k) ?? 0) - (short[w][m].get(k) ?? 0)) / steps;
for (const w of ['studio', 'hand']) {
  const ks = (a: Acc) => [...a.k.values()].reduce((x, y) => x + y, 0);
  const kn = (a: Acc) => [...a.n.values()].reduce((x, y) => x + y, 0);
  console.log(`${w}: cpu/step ${((long[w].total - short[w].total) / steps).toFixed(1)} kernels ${((ks(long[w]) - ks(short[w])) / steps).toFixed(1)} outside ${((long[w].total - short[w].total - ks(long[w]) + ks(short[w])) / steps).toFixed(1)} ms; kernels/step ${((kn(long[w]) - kn(short[w])) / steps).toFixed(1)}`);
}
const names = new Set([...long.studio.k.keys(), ...long.hand.k.keys()]);
const rows = [...names].map((k) => [k, per('studio', 'k', k), per('hand', 'k', k), per('studio', 'n', k), per('hand', 'n', k)] as const);
rows.sort((a, b) => Math.abs(b[1] - b[2]) - Math.abs(a[1] - a[2]));
for (const [k, s, h, sn, hn] of rows.slice(0, Number(process.argv[5] ?? 14))) console.log(`${k.padEnd(16)} studio ${s.toFixed(2)} (${sn.toFixed(1)})  hand ${h.toFixed(2)} (${hn.toFixed(1)})  diff ${(s - h).toFixed(2)}`);
console.log('tensors', tf.memory().numTensors);
