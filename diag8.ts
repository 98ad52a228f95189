import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { presetGraph } from './engine/presets';
import { selectBackend } from './engine/runtime/backend';
import { loadDatasets } from './engine/runtime/datasets';
import { readPublicAsset } from './engine/runtime/node-assets';
import { validateForTraining } from './engine/validated-graph';
import { getSpec } from './nodes/registry';
import { handStep } from './bench/lib/hand-steps';
import { timeStudio } from './bench/lib/studio-step';
tf.env().set('PROD', true);
await selectBackend('wasm', false);
const g = presetGraph('vicreg')!;
const v0 = validateForTraining(g, getSpec);
if (!v0.ok) throw 1;
const datasets = await loadDatasets(v0.graph.datasets, readPublicAsset);
if (process.argv[2] === 'studio') await timeStudio(g, datasets, 30);
else { const h = handStep('vicreg', datasets.get('mnist')!, true); for (let i = 1; i <= 30; i++) h.step(i, 30); h.dispose(); }
