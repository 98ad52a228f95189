// Stop-gradient: identity in the forward pass, zero gradient in the backward pass.
// TF.js 4.22 has no tf.stopGradient op (docs/backends.md), so it is a customGrad whose
// gradient is zeros. It plays the role of PyTorch's `.detach()` / JAX's
// `lax.stop_gradient` in the BYOL / SimSiam / DINO / SwAV targets.
import type { Tensor, Tf } from '../spec';

/** x: any shape -> same values, zero gradient */
export function stopGradient<T extends Tensor>(tf: Tf, x: T): T {
  const f = tf.customGrad((...args: unknown[]) => {
    const a = args[0] as Tensor;
    return {
      // a clone, not `a` itself: the tape must see a new tensor id as this op's output
      value: tf.clone(a),
      gradFunc: (dy: Tensor) => tf.zerosLike(dy),
    };
  });
  return f(x) as T;
}
