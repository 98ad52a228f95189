// Headless comparison of presets on the same data, seed and step budget (a public interface, see README).
//   npm run compare -- --presets simclr,byol,vicreg [--steps N] [--seed S] [--backend auto|cpu|wasm] [--json]
// Trains each preset in turn, evaluates it on the held-out split, and prints one
// row per run plus the untrained encoder as the baseline.
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import type { EvalEvent, TrainEvent } from '../engine/events';
import { PRESETS, presetGraph } from '../engine/presets';
import { readPublicAsset } from '../engine/runtime/node-assets';
import { trainSession } from '../engine/runtime/session';
import { getSpec } from '../nodes/registry';

const USAGE = 'usage: npm run compare -- --presets a,b,c [--steps N] [--seed S] [--backend auto|cpu|wasm] [--json]';

function fail(msg: string, code = 2): never {
  process.stderr.write(`${msg}\n`);
  process.exit(code);
}

interface Row {
  run: string;
  preset: string;
  steps: number;
  state: string;
  backend: string;
  wallMs: number;
  stepsPerSec: number;
  probe: number | null;
  knn: number | null;
  effectiveRank: number | null;
  collapse: number | null;
  embeddingCollapse: number | null;
  final: Record<string, number>;
  error?: string;
}

async function main() {
  const args = process.argv.slice(2);
  let presets: string[] = [];
  let steps: number | undefined;
  let seed: number | undefined;
  let backend: 'auto' | 'cpu' | 'wasm' = 'auto';
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--presets') presets = (args[++i] ?? '').split(',').filter(Boolean);
    else if (a === '--steps') steps = Number(args[++i]);
    else if (a === '--seed') seed = Number(args[++i]);
    else if (a === '--backend') backend = args[++i] as typeof backend;
    else if (a === '--json') json = true;
    else fail(`unknown argument ${a}\n${USAGE}`);
  }
  if (presets.length < 1) fail(USAGE);
  const unknown = presets.filter((p) => !PRESETS.some((q) => q.name === p));
  if (unknown.length) fail(`unknown preset${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; presets: ${PRESETS.map((p) => p.name).join(', ')}`);
  if (steps !== undefined && (!Number.isInteger(steps) || steps < 1)) fail('--steps must be a positive integer');
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0)) fail('--seed must be a non-negative integer');
  if (!['auto', 'cpu', 'wasm'].includes(backend)) fail('--backend must be auto, cpu or wasm');
  tf.env().set('PROD', true);

  // the baseline: the first preset's encoder before any training
  const runs = [{ run: 'untrained encoder', preset: presets[0], steps: 0 }, ...presets.map((p) => ({ run: p, preset: p, steps }))];
  const rows: Row[] = [];
  for (const r of runs) {
    const graph = presetGraph(r.preset)!;
    if (seed !== undefined) graph.meta.seed = seed;
    let ev: EvalEvent | null = null;
    const emit = (e: TrainEvent) => {
      if (e.type === 'eval') ev = e;
      if (json && (e.type === 'eval' || e.type === 'issues')) process.stdout.write(`${JSON.stringify({ ...e, run: r.run })}\n`);
    };
    const done = await trainSession({ graph, lookup: getSpec, backend, steps: r.steps ?? graph.meta.train.steps, readAsset: readPublicAsset, emit, evaluate: { every: 0, atEnd: true } });
    const e = ev as EvalEvent | null;
    const row: Row = {
      run: r.run,
      preset: r.preset,
      steps: done.steps,
      state: done.state,
      backend: done.backend,
      wallMs: done.wallMs,
      stepsPerSec: done.stepsPerSec,
      probe: e?.probe ?? null,
      knn: e?.knn ?? null,
      effectiveRank: e?.effectiveRank ?? null,
      collapse: e?.collapse ?? null,
      embeddingCollapse: e?.embeddingCollapse ?? null,
      final: done.final,
      error: done.error,
    };
    rows.push(row);
    if (json) process.stdout.write(`${JSON.stringify({ type: 'run', ...row })}\n`);
    else process.stderr.write(`${r.run}: ${done.state}, ${done.steps} steps in ${(done.wallMs / 1000).toFixed(1)} s\n`);
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ type: 'comparison', seed: seed ?? 'preset', rows })}\n`);
  } else {
    const pct = (v: number | null) => (v === null ? '–' : (100 * v).toFixed(1));
    const f = (v: number | null) => (v === null ? '–' : v.toFixed(2));
    console.log('| run | steps | probe 10/class (%) | kNN k=20 (%) | eff. rank | collapse (repr. / proj.) | steps/s | wall s | backend |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(`| ${r.run}${r.error ? ` (${r.state}: ${r.error})` : ''} | ${r.steps} | ${pct(r.probe)} | ${pct(r.knn)} | ${f(r.effectiveRank)} | ${f(r.collapse)} / ${f(r.embeddingCollapse)} | ${r.steps ? r.stepsPerSec.toFixed(2) : '–'} | ${(r.wallMs / 1000).toFixed(1)} | ${r.backend} |`);
    }
  }
  process.exit(rows.every((r) => r.state === 'done') ? 0 : 1);
}

main().catch((e) => fail(`internal error: ${(e as Error).stack ?? e}`, 1));
