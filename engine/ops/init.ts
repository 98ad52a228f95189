// Weight initialisers by name, seeded: the compiler and the node test harness
// create variables the same way.
import type { InitKind, Tensor, Tf } from '../spec';

export function initTensor(tf: Tf, kind: InitKind, shape: number[], seed: number, fanIn = shape[0]): Tensor {
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
    case 'fan-in': {
      // kaiming_uniform(a=√5) of nn.Linear reduces to this bound, and its bias uses the same one
      const bound = 1 / Math.sqrt(fanIn);
      return tf.randomUniform(shape, -bound, bound, 'float32', seed);
    }
  }
}
