// Activation functions by name, so params can choose them. The tensor library
// is passed in (see engine/spec.ts for why).
import type { Tensor, Tf } from '../spec';

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'gelu', 'leaky-relu', 'elu', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export function activate(tf: Tf, x: Tensor, a: Activation): Tensor {
  switch (a) {
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'leaky-relu':
      return tf.leakyRelu(x, 0.2);
    case 'elu':
      return tf.elu(x);
    case 'gelu':
      // tanh approximation (as in BERT / PyTorch's approximate='tanh'); tfjs has no erf gradient on every backend.
      return tf.tidy(() => {
        const c = Math.sqrt(2 / Math.PI);
        const inner = tf.mul(c, tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
        return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
      });
    case 'linear':
      return x;
  }
}
