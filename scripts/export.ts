// Export a graph to a PyTorch project (README: "Export to PyTorch").
//   npm run export -- <graph.json | --preset NAME> --out DIR [--data FILE] [--weights [--steps N]] [--force]
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import type { ImportedSet } from '../engine/data/imported';
import type { WeightsEvent } from '../engine/events';
import { readPublicAsset } from '../engine/runtime/node-assets';
import { trainSession } from '../engine/runtime/session';
import { readFile } from 'node:fs/promises';
import { parseGraph } from '../engine/graph';
import { PRESETS, presetGraph } from '../engine/presets';
import { writeExport } from '../engine/runtime/export-files';
import { getSpec } from '../nodes/registry';
import { attachDataFile } from './lib/data-file';
import { torchPart } from '../nodes/torch';

const USAGE = `usage: npm run export -- <graph.json | --preset NAME> --out DIR [--data FILE [--max-size MB]] [--weights [--steps N]] [--force]
  --data FILE: the graph's dataset is your own data (.npz/.npy in the MedMNIST layout, a .zip of images in class folders, or a .csv), as in npm run train
  --weights: also write weights.npz, the studio's weights at the graph's seed (the exported run starts from them)
  --steps N: with --weights, first train N steps in the studio's engine and export those weights
  --force: overwrite a folder that is not empty
presets: ${PRESETS.map((p) => p.name).join(', ')}`;

function fail(msg: string, code = 2): never {
  process.stderr.write(`${msg}\n`);
  process.exit(code);
}

async function main() {
  const args = process.argv.slice(2);
  let file: string | undefined;
  let preset: string | undefined;
  let out: string | undefined;
  let weights = false;
  let force = false;
  let steps = 0;
  let dataFile: string | undefined;
  let maxSizeMb = 500;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--preset') preset = args[++i];
    else if (a === '--out') out = args[++i];
    else if (a === '--weights') weights = true;
    else if (a === '--force') force = true;
    else if (a === '--data') dataFile = args[++i];
    else if (a === '--max-size') maxSizeMb = Number(args[++i]);
    else if (a === '--steps') steps = Number(args[++i]);
    else if (a === '--help' || a === '-h') fail(USAGE, 0);
    else if (a.startsWith('--')) fail(`unknown option ${a}\n${USAGE}`);
    else file = a;
  }
  if (!file === !preset) fail(`give exactly one of a graph file or --preset\n${USAGE}`);
  if (!out) fail(`--out DIR is required\n${USAGE}`);
  if (!Number.isInteger(steps) || steps < 0) fail('--steps must be a whole number of steps');
  if (steps > 0 && !weights) fail('--steps trains the weights to export: pass --weights too');
  tf.env().set('PROD', true);
  // the weights are created outside a training session, which is what otherwise readies the backend
  await tf.ready();
  let raw: unknown;
  if (preset) {
    raw = presetGraph(preset);
    if (!raw) fail(`unknown preset "${preset}"; presets: ${PRESETS.map((p) => p.name).join(', ')}`);
  } else {
    try {
      raw = JSON.parse(await readFile(file!, 'utf8'));
    } catch (e) {
      fail(`cannot read ${file}: ${(e as Error).message}`);
    }
  }
  if (!(maxSizeMb > 0)) fail('--max-size must be a positive number of MB');
  let readStored: ((id: string, name: string) => Promise<ImportedSet>) | undefined;
  if (dataFile) {
    try {
      const d = await attachDataFile(dataFile, raw, maxSizeMb * 1024 * 1024);
      raw = d.graph;
      readStored = async () => d.set;
      for (const n of d.summary.notes) console.log(`note: ${n}`);
    } catch (e) {
      fail((e as Error).message, 1);
    }
  }
  const g = parseGraph(raw);
  if (!g.ok) fail(`${file ?? preset}: not a graph: ${g.errors.join('; ')}`, 1);
  let tensors: WeightsEvent['tensors'] | undefined;
  if (steps > 0) {
    const done = await trainSession({ graph: g.graph, lookup: getSpec, backend: 'auto', steps, readAsset: readPublicAsset, readStored, weightsAtEnd: true, emit: (e) => {
      if (e.type === 'weights') tensors = e.tensors;
      if (e.type === 'metrics' && (e.step === 1 || e.step === steps)) console.log(`step ${e.step}: ${Object.entries(e.totals).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', ')}`);
    } });
    if (done.state !== 'done' || !tensors) fail(`training failed: ${done.error ?? done.state}; nothing was written`, 1);
  }
  const r = await writeExport(g.graph, getSpec, torchPart, out!, { weights, force, tensors, readStored });
  if (!r.ok) {
    if ('error' in r) fail(r.error, 1);
    const lines = r.issues.map((i) => `- ${i.nodeIds.length ? `[${i.nodeIds.join(', ')}] ` : ''}${i.message}`);
    fail(`cannot export; nothing was written:\n${lines.join('\n')}`, 1);
  }
  console.log(`wrote ${out}: ${r.files.join(', ')}\nnext: cd ${out} && python train.py   (or torchrun --nproc_per_node=N train.py)`);
}

main().catch((e) => fail((e as Error).stack ?? String(e), 1));
