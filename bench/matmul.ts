// The ceiling under "studio step ≤ 1.5× PyTorch": one matrix product of the shapes a
// preset's dense layers run, on tfjs's wasm backend (XNNPACK, 128-bit SIMD, one thread in
// Node) and in PyTorch at one thread (bench/matmul_torch.py, the BLAS it loaded is printed),
// measured in turns, a few rounds. The studio runs every product as a plain A·B (the
// dense gradient transposes explicitly, engine/runtime/matmul-grad.ts): the flagged forms
// are timed too, because tfjs-backend-wasm sends them to a scalar loop.
//   npm run bench:matmul -- [--rounds 3] [--reps 20]
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { selectBackend } from '../engine/runtime/backend';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const rounds = Number(arg('rounds', '3'));
const reps = Number(arg('reps', '20'));
await selectBackend('wasm', false);

// [M, K] · [K, N]: a 784→512 layer on a two-view batch (forward, input gradient, weight gradient) and a 512→128 head
const SHAPES: Array<[string, number, number, number]> = [
  ['forward  x·W   [512,784]·[784,512]', 512, 784, 512],
  ['input grad dy·Wᵀ [512,512]·[512,784]', 512, 512, 784],
  ['weight grad xᵀ·dy [784,512]·[512,512]', 784, 512, 512],
  ['head  [512,512]·[512,128]', 512, 512, 128],
];

const proc = spawn('nice', ['-n', '10', '/usr/bin/python3', path.join(import.meta.dirname, 'matmul_torch.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
let blas = '';
async function torchMs(m: number, k: number, n: number): Promise<number> {
  proc.stdin.write(`${JSON.stringify({ m, k, n, reps })}\n`);
  const next = await lines.next();
  if (next.done) throw new Error('the PyTorch process ended (is python3-torch installed? /usr/bin/python3 -c "import torch")');
  const a = JSON.parse(next.value) as { ms: number; blas: string };
  blas = a.blas;
  return a.ms;
}

function tfjsMs(m: number, k: number, n: number, form: 'nn' | 'flagged', count = reps): number {
  const a = tf.randomNormal([m, k]);
  const b = tf.randomNormal([k, n]);
  // the flagged form: the same product asked as xᵀ·dy with transposeA, as tfjs's own gradient does
  const at = tf.transpose(a);
  const run = () => (form === 'nn' ? tf.matMul(a, b) : tf.matMul(at, b, true, false));
  run().dispose();
  const t = performance.now();
  for (let i = 0; i < count; i++) {
    const y = run();
    y.dataSync();
    y.dispose();
  }
  const ms = (performance.now() - t) / count;
  tf.dispose([a, b, at]);
  return ms;
}

const median = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];
const res = SHAPES.map(() => ({ wasm: [] as number[], torch: [] as number[], flagged: [] as number[] }));
for (let r = 0; r < rounds; r++) {
  for (const [i, [, m, k, n]] of SHAPES.entries()) {
    const order = r % 2 === 0;
    if (order) res[i].wasm.push(tfjsMs(m, k, n, 'nn'));
    res[i].torch.push(await torchMs(m, k, n));
    if (!order) res[i].wasm.push(tfjsMs(m, k, n, 'nn'));
    if (r === 0) res[i].flagged.push(tfjsMs(m, k, n, 'flagged', 3));
  }
}
proc.stdin.end();

const gf = (m: number, k: number, n: number, ms: number) => ((2 * m * k * n) / ms / 1e6).toFixed(1);
console.log(`\nbench:matmul, one thread, median of ${rounds} rounds × ${reps} products, ${new Date().toISOString()}`);
console.log(`PyTorch BLAS: ${blas}`);
console.log('| product | tfjs wasm ms (GFLOP/s) | PyTorch ms (GFLOP/s) | wasm / PyTorch | tfjs wasm with transposeA ms (GFLOP/s) |');
console.log('|---|---|---|---|---|');
for (const [i, [name, m, k, n]] of SHAPES.entries()) {
  const w = median(res[i].wasm);
  const p = median(res[i].torch);
  const f = res[i].flagged[0];
  console.log(`| ${name} | ${w.toFixed(2)} (${gf(m, k, n, w)}) | ${p.toFixed(2)} (${gf(m, k, n, p)}) | ${(w / p).toFixed(1)}× | ${f.toFixed(1)} (${gf(m, k, n, f)}) |`);
}
console.log(`tensors left: ${tf.memory().numTensors}`);
