// A dense layer y = xW + b whose gradient transposes explicitly.
//
// Why: tfjs's built-in matMul gradient calls matMul with transposeA/transposeB
// flags, which the wasm backend runs ~10-20x slower than an explicit transpose
// followed by a plain matMul (docs/backends.md; measured: 122 ms vs 5.9 ms for
// [256,784]^T [256,512]). bench/speed.ts compares both forms per backend; the
// faster one is the default for that backend (see `denseMode`).
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

/** x: [B, I], w: [I, O], b: [O] -> [B, O] */
export function dense(tf: Tf, x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  if (mode === 'builtin') {
    const y = tf.matMul(x as never, w as never); // [B, O]
    return b ? tf.add(y, b) : y;
  }
  // customGrad's typing cannot express (x, w, save)
  const f = tf.customGrad(((xs: Tensor, ws: Tensor, save: (ts: Tensor[]) => void) => {
    save([xs, ws]);
    const value = tf.matMul(xs as never, ws as never); // [B, O]
    return {
      value,
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [xv, wv] = saved;
        const dx = tf.matMul(dy as never, tf.transpose(wv) as never); // [B, O] x [O, I] = [B, I]
        const dw = tf.matMul(tf.transpose(xv) as never, dy as never); // [I, B] x [B, O] = [I, O]
        return [dx, dw];
      },
    };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  }) as any) as unknown as (a: Tensor, c: Tensor) => Tensor;
  const y = f(x, w);
  return b ? tf.add(y, b) : y;
}
