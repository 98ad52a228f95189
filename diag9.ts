import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './engine/runtime/backend';
import { randomResizedCrop } from './engine/ops/augment/random-resized-crop';
import { mulberry32, hashSeed } from './engine/rng';
await selectBackend('wasm', false);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const x = tf.randomUniform([512, 28, 28, 1]);
const o = { scale: [0.8, 1] as [number, number], ratio: [0.75, 4 / 3] as [number, number], p: 1 };
const hr = mulberry32(1);
for (let r = 0; r < 3; r++) {
  let t = cpu();
  for (let i = 0; i < 10; i++) tf.tidy(() => { randomResizedCrop(tf, x, mulberry32(hashSeed(42, 'crop', '', i, 0, 0)), o); });
  const a = (cpu() - t) / 10;
  t = cpu();
  for (let i = 0; i < 10; i++) tf.tidy(() => { randomResizedCrop(tf, x, hr, o); });
  const b = (cpu() - t) / 10;
  t = cpu();
  for (let i = 0; i < 10; i++) tf.tidy(() => { tf.image.cropAndResize(x as tf.Tensor4D, tf.tensor2d(new Float32Array(512 * 4).map((_, j) => (j % 4 < 2 ? 0 : 1)), [512, 4]), tf.range(0, 512, 1, 'int32') as tf.Tensor1D, [28, 28]); });
  const c = (cpu() - t) / 10;
  console.log(`studio-seeded ${a.toFixed(2)} hand-stream ${b.toFixed(2)} identity boxes ${c.toFixed(2)} ms`);
}
