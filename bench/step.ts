// One training step, three ways, measured in turns in one run (the machines are
// shared and noisy: read the ratios): the studio's compiled graph (the real
// trainer loop), the same step written by hand in tfjs (bench/lib/hand-steps.ts),
// and PyTorch on the graph's own PyTorch export (bench/step_torch.py), at one
// thread and at all cores. Also: kernels per step, the share of a step spent in
// data and augmentation, the cost of the default views, and time to first step.
//   npm run bench:step -- [--presets ae,simclr,vicreg,byol] [--steps 12] [--rounds 2] [--no-torch] [--no-torch-all] [--torch-blas reference] [--no-views] [--no-ttfs] [--before-after]
// PyTorch runs at one thread and at all cores (--no-torch-all: one thread only);
// the BLAS it loaded is printed (README: OpenBLAS makes it a fair reference).
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { presetGraph } from '../engine/presets';
import { selectBackend } from '../engine/runtime/backend';
import { installReduceGradients } from '../engine/runtime/reduce-grad';
import { yieldWithTimer } from '../engine/runtime/yield';
import { loadDatasets } from '../engine/runtime/datasets';
import { writeExport } from '../engine/runtime/export-files';
import { readPublicAsset } from '../engine/runtime/node-assets';
import { validateForTraining } from '../engine/validated-graph';
import { getSpec } from '../nodes/registry';
import { torchPart } from '../nodes/torch';
import { handStep, type HandPreset } from './lib/hand-steps';
import { kernelCounter, timeStudio, withoutAugmentation } from './lib/studio-step';
import { TorchProcess } from './lib/torch-proc';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const presets = arg('presets', 'ae,simclr,vicreg,byol').split(',') as HandPreset[];
const steps = Number(arg('steps', '12'));
const rounds = Number(arg('rounds', '2'));
const cores = availableParallelism();
tf.env().set('PROD', true);
await selectBackend('wasm', false);

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
type Cell = { studio: number[]; hand: number[]; torch1: number[]; torchN: number[]; studioCpu: number[]; handCpu: number[]; torch1Cpu: number[]; kernels: number; handKernels: number; dataMs: number[]; augMs: number[] };
const cases: Array<{ preset: HandPreset; aug: boolean }> = presets.flatMap((p): Array<{ preset: HandPreset; aug: boolean }> => (p === 'ae' ? [{ preset: p, aug: false }] : [{ preset: p, aug: false }, { preset: p, aug: true }]));
const cells = new Map(cases.map((c) => [`${c.preset}${c.aug ? '+aug' : ''}`, { studio: [], hand: [], torch1: [], torchN: [], studioCpu: [], handCpu: [], torch1Cpu: [], kernels: 0, handKernels: 0, dataMs: [], augMs: [] } as Cell]));

const graphs = new Map(presets.map((p) => [p, presetGraph(p)!]));
const v0 = validateForTraining(graphs.get(presets[0])!, getSpec);
if (!v0.ok) throw new Error('preset does not validate');
const datasets = await loadDatasets(v0.graph.datasets, readPublicAsset);
const ds = datasets.get('mnist')!;

const torch = flag('no-torch') ? null : new TorchProcess(arg('torch-blas', 'system') === 'reference' ? 'reference' : 'system');
const tmp = mkdtempSync(path.join(tmpdir(), 'bench-step-'));
if (torch) {
  for (const p of presets) {
    const r = await writeExport(graphs.get(p)!, getSpec, torchPart, path.join(tmp, p), { weights: false, force: true });
    if (!r.ok) throw new Error(`export of ${p} failed: ${JSON.stringify(r)}`);
  }
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function timeHand(preset: HandPreset, aug: boolean, n = steps): { ms: number; cpuMs: number; kernels: number } {
  const h = handStep(preset, ds, aug);
  h.step(1, n);
  kernelCounter.count = 0;
  kernelCounter.on = true;
  const t = performance.now();
  const c = cpuNow();
  for (let i = 2; i <= n; i++) h.step(i, n);
  const ms = (performance.now() - t) / (n - 1);
  const cpuMs = (cpuNow() - c) / (n - 1);
  kernelCounter.on = false;
  const kernels = kernelCounter.count / (n - 1);
  h.dispose();
  return { ms, cpuMs, kernels };
}

// warm-up, not timed: the first run in a process compiles tfjs's and the studio's code paths
await timeStudio(cases[0].aug ? graphs.get(cases[0].preset)! : withoutAugmentation(graphs.get(cases[0].preset)!), datasets, 3);
timeHand(cases[0].preset, cases[0].aug, 3);

// --before-after: every case also runs as the engine did before issue 12 (tfjs's own Mean /
// Sum gradients instead of engine/runtime/reduce-grad.ts, the trainer yielding with
// setTimeout(0)), in turns with the engine as it is, so one run shows both ratios side by side
const beforeAfter = flag('before-after');
const olds = new Map(cases.map((c) => [`${c.preset}${c.aug ? '+aug' : ''}`, { studio: [] as number[], hand: [] as number[], studioCpu: [] as number[], handCpu: [] as number[] }]));
const before = tf.memory().numTensors;
for (let r = 0; r < rounds; r++) {
  // odd rounds run the cases backwards, so no case always follows the same one
  for (const { preset, aug } of r % 2 ? [...cases].reverse() : cases) {
    const key = `${preset}${aug ? '+aug' : ''}`;
    const g = aug ? graphs.get(preset)! : withoutAugmentation(graphs.get(preset)!);
    for (const engineNow of beforeAfter ? (r % 2 ? [true, false] : [false, true]) : [true]) {
      installReduceGradients(engineNow);
      yieldWithTimer(!engineNow);
      const c = engineNow ? cells.get(key)! : olds.get(key)!;
      const s = await timeStudio(g, datasets, steps);
      const h = timeHand(preset, aug);
      c.studio.push(s.ms);
      c.studioCpu.push(s.cpuMs);
      c.hand.push(h.ms);
      c.handCpu.push(h.cpuMs);
      console.error(`round ${r + 1} ${key}${beforeAfter ? (engineNow ? ' after' : ' before') : ''}: studio ${s.ms.toFixed(1)} ms (CPU ${s.cpuMs.toFixed(1)}), hand ${h.ms.toFixed(1)} ms (CPU ${h.cpuMs.toFixed(1)})`);
      if (!engineNow) continue;
      const cell = cells.get(key)!;
      cell.kernels = s.kernels;
      cell.dataMs.push(s.dataMs);
      cell.augMs.push(s.augmentMs);
      cell.handKernels = h.kernels;
    }
    const c = cells.get(key)!;
    if (torch) {
      const t1 = await torch.time({ dir: path.join(tmp, preset), aug, threads: 1, steps });
      c.torch1.push(t1.ms);
      c.torch1Cpu.push(t1.cpuMs);
      if (!flag('no-torch-all')) c.torchN.push((await torch.time({ dir: path.join(tmp, preset), aug, threads: cores, steps })).ms);
      console.error(`round ${r + 1} ${key}: torch ${c.torch1.at(-1)!.toFixed(1)} / ${c.torchN.at(-1)?.toFixed(1) ?? '–'} ms`);
    }
  }
}
torch?.close();
rmSync(tmp, { recursive: true, force: true });

// the default views (latent plot, collapse, node statistics, image grid at the graph's intervals)
const monitorShare = new Map<string, number>();
for (const p of flag('no-views') ? [] : presets) {
  const g = graphs.get(p)!;
  const n = Math.max(steps, g.meta.train.imageEvery + 1);
  const off = await timeStudio(g, datasets, n);
  const on = await timeStudio(g, datasets, n, true);
  monitorShare.set(p, 1 - off.ms / on.ms);
}

const f = (x: number) => x.toFixed(1);
const ratio = (a: number, b: number) => (Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–');
console.log(`\nbench:step, wasm (Node), batch 256, median of ${rounds} rounds × ${steps - 1} timed steps, ${cores} cores, ${new Date().toISOString()}`);
if (torch) console.log(`PyTorch BLAS: ${torch.blas}`);
console.log('| step | studio ms | hand tfjs ms | studio / hand | PyTorch 1 thread ms | studio / PT 1 | PyTorch all threads ms | studio / PT all | kernels / step (studio, hand) | data | augmentation |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const [key, c] of cells) {
  const s = median(c.studio);
  const t1 = torch ? median(c.torch1) : NaN;
  const tn = c.torchN.length ? median(c.torchN) : NaN;
  console.log(`| ${key} | ${f(s)} | ${f(median(c.hand))} | ${ratio(s, median(c.hand))} | ${torch ? f(t1) : '–'} | ${ratio(s, t1)} | ${Number.isFinite(tn) ? f(tn) : '–'} | ${ratio(s, tn)} | ${Math.round(c.kernels)}, ${Math.round(c.handKernels)} | ${((median(c.dataMs) / s) * 100).toFixed(0)} % | ${((median(c.augMs) / s) * 100).toFixed(0)} % |`);
}
console.log(`\nCPU time per step (this process's, all its threads; PyTorch: time.process_time), median: the work itself, less moved by other jobs than wall time`);
console.log('| step | studio CPU ms | hand tfjs CPU ms | studio / hand | PyTorch 1 thread CPU ms | studio / PT 1 |');
console.log('|---|---|---|---|---|---|');
for (const [key, c] of cells) {
  const s = median(c.studioCpu);
  const t1 = torch ? median(c.torch1Cpu) : NaN;
  console.log(`| ${key} | ${f(s)} | ${f(median(c.handCpu))} | ${ratio(s, median(c.handCpu))} | ${torch ? f(t1) : '–'} | ${ratio(s, t1)} |`);
}
if (beforeAfter) {
  console.log(`\nBefore / after (before: tfjs's own Mean and Sum gradients and setTimeout(0) yields; after: the engine as it is), in turns in this run, medians`);
  // paired: the median over rounds of studio / hand within one round (the two ran back to back, so
  // a change of load between rounds cancels out)
  console.log('| step | before: studio CPU ms | hand CPU ms | studio / hand CPU | paired | studio / hand wall | after: studio CPU ms | hand CPU ms | studio / hand CPU | paired | studio / hand wall |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [key, c] of cells) {
    const o = olds.get(key)!;
    const paired = (a: number[], b: number[]) => `${median(a.map((v, i) => v / b[i])).toFixed(2)}×`;
    const row = (x: { studio: number[]; hand: number[]; studioCpu: number[]; handCpu: number[] }) =>
      `${f(median(x.studioCpu))} | ${f(median(x.handCpu))} | ${ratio(median(x.studioCpu), median(x.handCpu))} | ${paired(x.studioCpu, x.handCpu)} | ${ratio(median(x.studio), median(x.hand))}`;
    console.log(`| ${key} | ${row(o)} | ${row(c)} |`);
  }
}
if (monitorShare.size) console.log(`\nviews open at the graph's intervals (latent, collapse, node stats, images) add per step: ${[...monitorShare].map(([p, x]) => `${p} ${(x * 100).toFixed(0)} %`).join(', ')}`);
console.log(`tensors before ${before}, after ${tf.memory().numTensors}`);

if (!flag('no-ttfs')) {
  console.log('\n| time to first step (fresh process, wasm) | validate ms | dataset ms | backend init ms | compile ms | first step ms | total ms | (process + tfjs import ms) |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const p of presets) {
    const out = execFileSync('nice', ['-n', '10', process.execPath, '--import', 'tsx', path.join(import.meta.dirname, 'lib', 'ttfs.ts'), '--preset', p], { encoding: 'utf8' });
    const t = JSON.parse(out.trim().split('\n').at(-1)!);
    console.log(`| ${p} | ${f(t.validateMs)} | ${f(t.dataMs)} | ${f(t.backendMs)} | ${f(t.compileMs)} | ${f(t.firstStepMs)} | **${f(t.ttfsMs)}** | ${f(t.importsMs)} |`);
  }
}
