import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './engine/runtime/backend';
await selectBackend('wasm', false);
console.log('simd', await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), 'mt', await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const a = tf.randomNormal([512, 784]); const b = tf.randomNormal([784, 512]);
for (let r = 0; r < 3; r++) { const t = cpu(); for (let i = 0; i < 10; i++) tf.tidy(() => { tf.matMul(a, b).dataSync(); }); const ms = (cpu() - t) / 10; console.log(`matmul [512,784]x[784,512] ${ms.toFixed(2)} ms CPU = ${(2 * 512 * 784 * 512 / ms / 1e6).toFixed(1)} GFLOP/s`); }
