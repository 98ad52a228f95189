// Representation quality per preset, at a fixed step budget, through the
// headless CLI (the same numbers a user gets from `npm run train -- --eval`).
//   npm run bench:quality -- [--steps 310] [--presets simclr,byol,...] [--jobs 2]
// Prints a Markdown table; --write appends it to bench/RESULTS.md.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { EvalEvent } from '../engine/events';
import { loadDatasets } from '../engine/runtime/datasets';
import { evaluateFeatures, rawSplit } from '../engine/runtime/evaluate';
import { PROJECT_ROOT, readPublicAsset } from '../engine/runtime/node-assets';
import { selectBackend } from '../engine/runtime/backend';
import { presetGraph } from '../engine/presets';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const DEFAULT = 'simclr,moco,byol,simsiam,vicreg,barlow-twins,swav,dino,ae,dae,vae,vit-simclr,mae,ijepa,lv-ebm,target-prop';
const presets = arg('presets', DEFAULT).split(',');
const steps = Number(arg('steps', '310'));
const jobs = Number(arg('jobs', '2'));
tf.env().set('PROD', true);

interface Row {
  name: string;
  steps: number;
  seconds: number;
  ev: EvalEvent | null;
  final: Record<string, number>;
  error?: string;
}

function runCli(args: string[]): Promise<{ evals: EvalEvent[]; summary: Record<string, unknown> | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/train.ts'), ...args, '--json'], { cwd: PROJECT_ROOT });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', () => {
      const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
      resolve({ evals: lines.filter((l) => l.type === 'eval'), summary: lines.find((l) => l.type === 'summary') ?? null, stderr: err });
    });
  });
}

async function trainRow(name: string, n: number): Promise<Row> {
  const t0 = performance.now();
  const r = await runCli(['--preset', name, '--steps', String(n), '--eval']);
  const s = r.summary as { state?: string; error?: string; final?: Record<string, number> } | null;
  console.error(`${name}: ${s?.state ?? 'crashed'} in ${((performance.now() - t0) / 1000).toFixed(0)} s${s?.error ? ` (${s.error})` : ''}${!s ? r.stderr.slice(-500) : ''}`);
  return { name, steps: n, seconds: (performance.now() - t0) / 1000, ev: r.evals.at(-1) ?? null, final: s?.final ?? {}, error: s?.state === 'done' ? undefined : (s?.error ?? 'crashed') };
}

// The "untrained encoder" row is the MLP encoder the lecture presets share. A preset with
// another architecture (no MLP Encoder node: the transformers) gets its own untrained row,
// measured in the same run, since that is the baseline its training must beat.
const ownBaseline = presets.filter((p) => !presetGraph(p)?.nodes.some((n) => n.type === 'net.encoder'));
const queue: Array<() => Promise<Row>> = [
  () => trainRow('simclr', 0).then((r) => ({ ...r, name: 'untrained encoder' })),
  ...presets.flatMap((p) => [...(ownBaseline.includes(p) ? [() => trainRow(p, 0).then((r) => ({ ...r, name: `${p} untrained` }))] : []), () => trainRow(p, steps)]),
];
const rows: Row[] = new Array(queue.length);
let next = 0;
await Promise.all(
  Array.from({ length: jobs }, async () => {
    while (next < queue.length) {
      const i = next++;
      rows[i] = await queue[i]();
    }
  }),
);

await selectBackend('wasm', false);
const [ds] = [...(await loadDatasets([{ name: 'mnist' }], readPublicAsset)).values()];
const rawTrain = rawSplit(ds, 'train');
const rawTest = rawSplit(ds, 'test');
const raw = await evaluateFeatures(rawTrain, rawTest, ds, { probe: true, seed: 42 });

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : (100 * v).toFixed(1));
// a supervised preset reports its held-out error rate as a loss term (target propagation: "tp/error")
const heldOutError = (ev: EvalEvent | null) => {
  const k = Object.keys(ev?.heldOut ?? {}).find((t) => t.endsWith('/error'));
  return k ? `held-out error ${pct(ev!.heldOut![k])} %` : '';
};
const f2 = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(2));
const lines = [
  `### Quality at ${steps} steps (${new Date().toISOString().slice(0, 10)}, wasm backend, MNIST-10k: 8,000 train / 2,000 held out)`,
  '',
  '| preset | probe 10/class (%) | kNN k=20 (%) | collapse (repr.) | collapse (projector) | eff. rank | held-out loss | train s | note |',
  '|---|---|---|---|---|---|---|---|---|',
  `| raw pixels | ${pct(raw.probe)} | ${pct(raw.knn)} | ${f2(raw.collapse)} | – | ${f2(raw.effectiveRank)} | – | – | |`,
  ...rows.map((r) => `| ${r.name} | ${pct(r.ev?.probe)} | ${pct(r.ev?.knn)} | ${f2(r.ev?.collapse)} | ${r.ev?.embedding !== r.ev?.representation ? f2(r.ev?.embeddingCollapse) : '–'} | ${f2(r.ev?.effectiveRank)} | ${f2(r.ev?.heldOutTotal)} | ${r.seconds.toFixed(0)} | ${r.error ?? heldOutError(r.ev)} |`),
  '',
];
console.log(lines.join('\n'));
if (process.argv.includes('--write')) appendFileSync(path.join(PROJECT_ROOT, 'bench/RESULTS.md'), `\n${lines.join('\n')}\n`);
