// A dense layer y = xW + b, and the form its gradient takes per backend.
//
// Why: tfjs's built-in matMul gradient calls matMul with transposeA/transposeB
// flags, which the wasm backend runs ~10-20x slower than an explicit transpose
// followed by a plain matMul (docs/backends.md; measured: 122 ms vs 5.9 ms for
// [256,784]^T [256,512]). bench/speed.ts compares both forms per backend; the
// faster one is the default for that backend (see `denseMode`). The mode is
// read by the matMul gradient the runtime registers (engine/runtime/matmul-grad.ts).
import type { Tensor, Tf } from '../spec';

export type DenseMode = 'builtin' | 'explicit-transpose';

let mode: DenseMode = 'builtin';
/** Chosen once per backend by the runtime (engine/runtime/backend.ts). */
export function setDenseMode(m: DenseMode): void {
  mode = m;
}
export function denseMode(): DenseMode {
  return mode;
}

/**
 * x: [B, I], w: [I, O], b: [O] -> [B, O]. Both modes run the same matMul: in
 * 'explicit-transpose' mode its gradient transposes explicitly and is computed
 * only for the inputs that need one (engine/runtime/matmul-grad.ts).
 */
export function dense(tf: Tf, x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  const y = tf.matMul(x as never, w as never); // [B, O]
  return b ? tf.add(y, b) : y;
}
