// The gradients of mean and sum, without a JS array per call.
//
// Why: tfjs 4.22's Mean and Sum gradients broadcast dy with
// `mul(dy, ones(x.shape))`, and `tf.ones` fills a fresh JS typed array of
// x's full size and copies it to the backend: for a batch norm over [2, 256,
// 512] that is a 1 MB ArrayBuffer per mean, ~2.4 MB of garbage per BYOL step
// outside V8's heap. V8 counts such buffers towards starting a full
// collection, and once the trainer yields to the event loop (every step, so
// Pause and Stop get in) it starts one every 2–3 steps: a BYOL step cost
// ~10 % more CPU than the same step in a loop that never yields (bench:step).
// Here the ones come from a Fill kernel, on the backend, and the values are
// the same bit for bit: (dy·1)/n is dy/n, and x·1 is x.
import * as tf from '@tensorflow/tfjs';

/** dy reshaped with the reduced axes kept as 1, so it broadcasts over x. */
function expanded(dy: tf.Tensor, x: tf.Tensor, axis: number | number[]): { dy: tf.Tensor; n: number } {
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const shape = x.shape.slice();
  let n = 1;
  for (const a of axes) {
    n *= shape[a];
    shape[a] = 1;
  }
  return { dy: tf.reshape(dy, shape), n };
}

/** v broadcast to `shape` through a multiply by ones the backend fills itself. */
const spread = (v: tf.Tensor, shape: number[]) => tf.mul(v, tf.fill(shape, 1, 'float32'));

let tfjsOwn: tf.GradConfig[] | null = null;

/** Replaces tfjs's Mean and Sum gradients (once per process; bench:step's "before" puts tfjs's back with `false`). */
export function installReduceGradients(ours = true): void {
  tfjsOwn ??= [tf.getGradient('Mean'), tf.getGradient('Sum')].filter((g): g is tf.GradConfig => !!g);
  if (!ours) {
    for (const g of tfjsOwn) tf.registerGradient(g);
    return;
  }
  tf.registerGradient({
    kernelName: 'Mean',
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => {
      const e = expanded(dy as tf.Tensor, x, (attrs as unknown as { axis: number | number[] }).axis);
      // divided before it is spread: n divisions instead of x.size, the same quotients
      return { x: () => spread(tf.div(e.dy, e.n), x.shape) };
    },
  });
  tf.registerGradient({
    kernelName: 'Sum',
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => {
      const e = expanded(dy as tf.Tensor, x, (attrs as unknown as { axis: number | number[] }).axis);
      return { x: () => spread(e.dy, x.shape) };
    },
  });
}
