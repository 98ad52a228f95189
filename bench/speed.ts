// Training speed of a preset per backend and per dense-layer form, measured
// side by side in one process (the machines are shared and noisy: compare the
// ratios, not the absolute numbers).
//   npm run bench -- [--preset ae] [--steps 60]
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { setDenseMode, type DenseMode } from '../engine/ops/dense';
import { presetGraph } from '../engine/presets';
import { selectBackend } from '../engine/runtime/backend';
import { loadDatasets } from '../engine/runtime/datasets';
import { readPublicAsset } from '../engine/runtime/node-assets';
import { runTraining } from '../engine/runtime/trainer';
import { validateForTraining } from '../engine/validated-graph';
import { getSpec } from '../nodes/registry';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const preset = arg('preset', 'ae');
const steps = Number(arg('steps', '60'));
tf.env().set('PROD', true);

const graph = presetGraph(preset);
if (!graph) throw new Error(`unknown preset ${preset}`);
graph.meta.train.logEvery = 10;
graph.meta.train.imageEvery = 1_000_000;
const v = validateForTraining(graph, getSpec);
if (!v.ok) throw new Error(v.issues.map((i) => i.message).join('; '));
const validated = v.graph;
const datasets = await loadDatasets(validated.datasets, readPublicAsset);

const rows: Array<{ backend: string; dense: DenseMode; steps: number; stepsPerSec: number; msPerStep: number; numTensorsAfter: number }> = [];
for (const backend of ['wasm', 'cpu'] as const) {
  for (const dense of ['explicit-transpose', 'builtin'] as const) {
    await selectBackend(backend, false);
    setDenseMode(dense);
    // cpu is ~20x slower: fewer steps keep the bench short
    const n = backend === 'cpu' ? Math.max(3, Math.round(steps / 10)) : steps;
    // one warm-up step compiles kernels / allocates buffers
    await runTraining({ validated, datasets, backend, steps: 1, emit: () => {} });
    const done = await runTraining({ validated, datasets, backend, steps: n, emit: () => {} });
    rows.push({ backend, dense, steps: n, stepsPerSec: done.stepsPerSec, msPerStep: done.wallMs / n, numTensorsAfter: done.numTensors });
    console.error(`${backend} ${dense}: ${done.stepsPerSec.toFixed(2)} steps/s`);
  }
}
const dataNode = validated.nodes.find((n) => n.spec.data)!;
const batch = dataNode.spec.data!.batchSize(dataNode.params);
console.log(`\npreset ${preset} (batch ${batch}), ${new Date().toISOString()}`);
console.log('| backend | dense form | steps | steps/s | ms/step | tensors left |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.backend} | ${r.dense} | ${r.steps} | ${r.stepsPerSec.toFixed(2)} | ${r.msPerStep.toFixed(1)} | ${r.numTensorsAfter} |`);
const w = (d: DenseMode) => rows.find((r) => r.backend === 'wasm' && r.dense === d)!.stepsPerSec;
console.log(`\nwasm explicit-transpose / builtin: ${(w('explicit-transpose') / w('builtin')).toFixed(2)}x`);
