// Headless training CLI (a public interface: keep the output format stable, README documents it).
//   npm run train -- <graph.json | --preset NAME> [--data FILE] [--max-size MB] [--steps N] [--backend auto|cpu|wasm] [--eval] [--eval-every N] [--save-embeddings FILE.npy] [--json]
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { npyFloat32, npyUint8 } from '../engine/data/npy';
import { PRESETS, presetGraph } from '../engine/presets';
import { readPublicAsset } from '../engine/runtime/node-assets';
import { trainSession } from '../engine/runtime/session';
import type { TrainEvent } from '../engine/events';
import { getSpec } from '../nodes/registry';
import { DEFAULT_SIZE_CAP } from '../engine/data/import-file';
import type { ImportedSet } from '../engine/data/imported';
import { attachDataFile } from './lib/data-file';

const USAGE = `usage: npm run train -- <graph.json | --preset NAME> [--data FILE] [--max-size MB] [--steps N] [--backend auto|cpu|wasm] [--eval] [--eval-every N] [--save-embeddings FILE.npy] [--json]
  --data FILE: train on your own data (.npz/.npy in the MedMNIST layout, a .zip of images in class folders, or a .csv of vectors)
  --max-size MB: refuse --data files larger than this (default 500)
  --eval: evaluate on the held-out split at the end (kNN, 10-label linear probe, collapse, held-out loss)
  auto (default): wasm for MLP graphs, else cpu
presets: ${PRESETS.map((p) => p.name).join(', ')}`;

function fail(msg: string, code = 2): never {
  process.stderr.write(`${msg}\n`);
  process.exit(code);
}

async function main() {
  const args = process.argv.slice(2);
  let file: string | undefined;
  let preset: string | undefined;
  let steps: number | undefined;
  let backend: 'auto' | 'cpu' | 'wasm' = 'auto';
  let json = false;
  let evalAtEnd = false;
  let evalEvery = 0;
  let saveEmbeddings: string | undefined;
  let dataFile: string | undefined;
  let maxSizeMb = DEFAULT_SIZE_CAP / 1024 / 1024;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--preset') preset = args[++i];
    else if (a === '--steps') steps = Number(args[++i]);
    else if (a === '--backend') backend = args[++i] as typeof backend;
    else if (a === '--json') json = true;
    else if (a === '--eval') evalAtEnd = true;
    else if (a === '--eval-every') evalEvery = Number(args[++i]);
    else if (a === '--save-embeddings') saveEmbeddings = args[++i];
    else if (a === '--data') dataFile = args[++i];
    else if (a === '--max-size') maxSizeMb = Number(args[++i]);
    else if (a === '--help' || a === '-h') fail(USAGE, 0);
    else if (a.startsWith('--')) fail(`unknown option ${a}\n${USAGE}`);
    else file = a;
  }
  if (!file === !preset) fail(`give exactly one of a graph file or --preset\n${USAGE}`);
  // --steps 0 with --eval evaluates the untrained network (the baseline)
  if (steps !== undefined && (!Number.isInteger(steps) || steps < (evalAtEnd ? 0 : 1))) fail('--steps must be a positive integer (0 is allowed with --eval)');
  if (!Number.isInteger(evalEvery) || evalEvery < 0) fail('--eval-every must be a whole number of steps');
  if (saveEmbeddings !== undefined && !saveEmbeddings.endsWith('.npy')) fail('--save-embeddings needs a file name ending in .npy');
  if (!['auto', 'cpu', 'wasm'].includes(backend)) fail('--backend must be auto, cpu or wasm');
  if (!(maxSizeMb > 0)) fail('--max-size must be a positive number of megabytes');
  // PROD silences tfjs's Node banner and skips its debug checks
  tf.env().set('PROD', true);

  let graph: unknown;
  let unreadable: string | undefined;
  if (preset) {
    graph = presetGraph(preset);
    if (!graph) fail(`unknown preset "${preset}"; presets: ${PRESETS.map((p) => p.name).join(', ')}`);
  } else {
    // a file that cannot be read is a graph that could not be loaded (exit 1), like an empty or invalid one;
    // exit 2 is kept for the command line itself (README: exit codes)
    try {
      graph = await readFile(file!, 'utf8');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a folder' : err.code === 'EACCES' ? 'permission denied' : err.message;
      unreadable = `cannot read ${file}: ${why}`;
    }
  }

  let readStored: ((id: string, name: string) => Promise<ImportedSet>) | undefined;
  if (dataFile) {
    try {
      const d = await attachDataFile(dataFile, graph, maxSizeMb * 1024 * 1024);
      graph = d.graph;
      readStored = async () => d.set;
      if (json) process.stdout.write(`${JSON.stringify(d.summary)}\n`);
      else {
        const s = d.summary;
        console.log(`data ${s.file}: ${s.kind === 'image' ? `${s.sampleShape.join('×')} images` : `${s.sampleShape[0]}-d vectors`}, ${s.train} train / ${s.test ? `${s.test} test (its own split)` : 'split 80/20 by the seed'}, ${s.classes ? `${s.classes} classes` : 'no labels'}`);
        for (const n of s.notes) console.log(`note: ${n}`);
      }
    } catch (e) {
      fail((e as Error).message, 1);
    }
  }

  const print = (e: TrainEvent) => {
    if (e.type === 'embeddings' && saveEmbeddings) {
      const labelsFile = saveEmbeddings.replace(/\.npy$/, '.labels.npy');
      writeFileSync(saveEmbeddings, npyFloat32(e.data, e.shape));
      writeFileSync(labelsFile, npyUint8(e.labels, [e.labels.length]));
      if (!json) console.log(`saved ${e.shape[0]}×${e.shape[1]} embeddings of ${e.source} to ${saveEmbeddings} and labels to ${labelsFile}`);
      return;
    }
    if (e.type === 'images' || e.type === 'state' || e.type === 'latent' || e.type === 'evalset' || e.type === 'nodestats' || e.type === 'energy' || e.type === 'embeddings') return;
    if (json) {
      if (e.type === 'done') process.stdout.write(`${JSON.stringify({ ...e, type: 'summary', source: preset ? `preset:${preset}` : file })}\n`);
      // typed arrays as plain JSON arrays
      else process.stdout.write(`${JSON.stringify(e, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v))}\n`);
      return;
    }
    if (e.type === 'backend') console.log(`backend ${e.backend}${e.skipped.length ? ` (skipped: ${e.skipped.join('; ')})` : ''}`);
    else if (e.type === 'issues') for (const i of e.issues) console.log(`issue [${i.code}] ${i.message}${i.nodeIds.length ? ` (nodes: ${i.nodeIds.join(', ')})` : ''}`);
    else if (e.type === 'metrics') {
      const terms = Object.entries(e.losses).map(([k, v]) => `${k}=${v.toPrecision(5)}`).join(' ');
      console.log(`step ${String(e.step).padStart(6)}  ${terms}  ${e.stepsPerSec.toFixed(1)} steps/s`);
    } else if (e.type === 'eval') {
      const pct = (v: number | null) => (v === null ? '–' : `${(100 * v).toFixed(1)}%`);
      const f = (v: number | null) => (v === null ? '–' : v.toFixed(3));
      if (e.noLabels) console.log(`eval @${e.step}: no kNN / probe: ${e.noLabels}`);
      console.log(`eval @${e.step} ${e.representation ?? ''}: kNN ${pct(e.knn)}  probe(${e.probePerClass ?? 10}/class) ${pct(e.probe)}  collapse ${f(e.collapse)}  eff.rank ${f(e.effectiveRank)}  ${e.embedding ?? ''} collapse ${f(e.embeddingCollapse)}  held-out loss ${f(e.heldOutTotal)}`);
    } else if (e.type === 'done') {
      console.log(`${e.state}: ${e.steps} steps in ${(e.wallMs / 1000).toFixed(1)} s (${e.stepsPerSec.toFixed(2)} steps/s) on ${e.backend}; tensors ${e.numTensors}${e.error ? `; error: ${e.error}` : ''}`);
    }
  };
  if (unreadable) {
    // the same lines as an empty or invalid file: an issue, then a failed summary
    print({ type: 'issues', issues: [{ code: 'invalid-file', severity: 'error', nodeIds: [], message: unreadable }] });
    print({ type: 'done', state: 'failed', steps: 0, wallMs: 0, stepsPerSec: 0, final: {}, backend: 'cpu', numTensors: 0, error: unreadable });
    process.exit(1);
  }
  const done = await trainSession({ graph, lookup: getSpec, backend, steps, readAsset: readPublicAsset, readStored, emit: print, evaluate: { every: evalEvery, atEnd: evalAtEnd }, monitors: { latent: false, collapse: json, nodeStats: false, energy: false }, embeddingsAtEnd: !!saveEmbeddings });
  process.exit(done.state === 'done' ? 0 : 1);
}

main().catch((e) => fail(`internal error: ${(e as Error).stack ?? e}`, 1));
