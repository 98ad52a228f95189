// The gradient of matMul on backends where a transposed matMul is slow.
//
// Why: tfjs's own BatchMatMul gradient calls matMul with transposeA/B flags,
// which the wasm backend runs ~10-20x slower than an explicit transpose and a
// plain matMul (docs/backends.md). A customGrad around the dense layer fixed
// that, but a customGrad computes the gradient of EVERY input, wanted or not:
// the first layer's input gradient (a [B, O]·[O, 784] product the data never
// uses) was computed every step. A registered gradient returns one thunk per
// input, and tfjs only calls those on the path to the variables.
import * as tf from '@tensorflow/tfjs';
import { denseMode } from '../ops/dense';

/** Swaps the last two axes ([.., M, N] -> [.., N, M]). */
function t(x: tf.Tensor): tf.Tensor {
  const r = x.rank;
  return tf.transpose(x, [...Array.from({ length: r - 2 }, (_, i) => i), r - 1, r - 2]);
}

let installed = false;

/** Replaces tfjs's BatchMatMul gradient once per process; inert unless denseMode() is 'explicit-transpose'. */
export function installMatMulGradient(): void {
  if (installed) return;
  installed = true;
  const original = tf.getGradient('BatchMatMul');
  if (!original) return;
  tf.registerGradient({
    kernelName: 'BatchMatMul',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
      if (denseMode() !== 'explicit-transpose' || transposeA || transposeB) return original.gradFunc(dy, saved, attrs);
      const [a, b] = saved;
      const g = dy as tf.Tensor;
      return {
        a: () => tf.matMul(g, t(b)), // [.., M, N]·[.., N, K] = [.., M, K]
        b: () => tf.matMul(t(a), g), // [.., K, M]·[.., M, N] = [.., K, N]
      };
    },
  });
}
