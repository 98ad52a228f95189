// Time to first step in a fresh process, as pressing Train in a fresh worker:
// validate, dataset load, backend init, compile, first step. Prints one JSON line.
//   tsx bench/lib/ttfs.ts --preset simclr [--backend wasm]
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { presetGraph } from '../../engine/presets';
import { readPublicAsset } from '../../engine/runtime/node-assets';
import { trainSession } from '../../engine/runtime/session';
import { getSpec } from '../../nodes/registry';

const importsMs = performance.now();
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const preset = arg('preset', 'ae');
tf.env().set('PROD', true);
const marks: Record<string, number> = {};
const t0 = performance.now();
const mark = (k: string) => (marks[k] ??= performance.now() - t0);
let split = { data: 0, backend: 0 };
await trainSession({
  graph: presetGraph(preset),
  lookup: getSpec,
  backend: arg('backend', 'wasm') as never,
  steps: 2,
  readAsset: readPublicAsset,
  emit: (e) => {
    if (e.type === 'backend') {
      mark('backend');
      if (e.startMs) split = e.startMs;
    }
    if (e.type === 'state' && e.state === 'running') mark('compile');
    if (e.type === 'metrics' && e.step === 1) mark('firstStep');
  },
});
const { backend = 0, compile = 0, firstStep = 0 } = marks;
// validation is what precedes the data in `backend`; the worker's split says the rest
console.log(JSON.stringify({ preset, importsMs, validateMs: backend - split.data - split.backend, dataMs: split.data, backendMs: split.backend, compileMs: compile - backend, firstStepMs: firstStep - compile, ttfsMs: firstStep }));
