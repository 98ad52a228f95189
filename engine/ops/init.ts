// Weight initialisers by name, seeded: the compiler and the node test harness
// create variables the same way.
import type { InitKind, Tensor, Tf } from '../spec';

export function initTensor(tf: Tf, kind: InitKind, shape: number[], seed: number): Tensor {
  switch (kind) {
    case 'zeros':
      return tf.zeros(shape);
    case 'ones':
      return tf.ones(shape);
    case 'normal':
      return tf.randomNormal(shape, 0, 0.02, 'float32', seed);
    case 'he':
      return tf.initializers.heUniform({ seed }).apply(shape);
    case 'glorot':
      return tf.initializers.glorotUniform({ seed }).apply(shape);
  }
}
