// Export a graph to a PyTorch project (README: "Export to PyTorch").
//   npm run export -- <graph.json | --preset NAME> --out DIR [--weights] [--force]
import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { parseGraph } from '../engine/graph';
import { PRESETS, presetGraph } from '../engine/presets';
import { writeExport } from '../engine/runtime/export-files';
import { getSpec } from '../nodes/registry';
import { torchPart } from '../nodes/torch';

const USAGE = `usage: npm run export -- <graph.json | --preset NAME> --out DIR [--weights] [--force]
  --weights: also write weights.npz, the studio's weights at the graph's seed (the exported run starts from them)
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
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--preset') preset = args[++i];
    else if (a === '--out') out = args[++i];
    else if (a === '--weights') weights = true;
    else if (a === '--force') force = true;
    else if (a === '--help' || a === '-h') fail(USAGE, 0);
    else if (a.startsWith('--')) fail(`unknown option ${a}\n${USAGE}`);
    else file = a;
  }
  if (!file === !preset) fail(`give exactly one of a graph file or --preset\n${USAGE}`);
  if (!out) fail(`--out DIR is required\n${USAGE}`);
  tf.env().set('PROD', true);
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
  const g = parseGraph(raw);
  if (!g.ok) fail(`${file}: not a graph: ${g.errors.join('; ')}`, 1);
  const r = await writeExport(g.graph, getSpec, torchPart, out!, { weights, force });
  if (!r.ok) {
    if ('error' in r) fail(r.error, 1);
    const lines = r.issues.map((i) => `- ${i.nodeIds.length ? `[${i.nodeIds.join(', ')}] ` : ''}${i.message}`);
    fail(`cannot export; nothing was written:\n${lines.join('\n')}`, 1);
  }
  console.log(`wrote ${out}: ${r.files.join(', ')}\nnext: cd ${out} && python train.py   (or torchrun --nproc_per_node=N train.py)`);
}

main().catch((e) => fail((e as Error).stack ?? String(e), 1));
