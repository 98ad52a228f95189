import { num } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize, formatType, problem } from '../../engine/types';
import { LOSS_OUT, scalarType } from './common';

export const contractive = defineNode({
  type: 'loss.contractive',
  version: 1,
  label: 'Contractive penalty',
  category: 'loss',
  doc: 'The contractive autoencoder’s penalty λ‖∂h/∂x‖²_F (Rifai et al. 2011), read from the Encoder’s ‖∂h/∂x‖² port. It makes the code insensitive to input directions that reconstruction does not need, so only the directions along the data manifold survive; λ sets how hard the encoder contracts.',
  formula: 'λ ‖∂h/∂x‖²_F  =  λ Σ_j (h_j(1 − h_j))² Σ_i W_ij²  (sigmoid layer)',
  lecture: 'Autoencoders and generative models',
  inputs: [{ id: 'jacobian', label: '‖∂h/∂x‖²', type: 'scalar', doc: 'The squared Frobenius norm of the encoder Jacobian, averaged over the batch (Encoder.jacobian).' }],
  outputs: LOSS_OUT,
  params: {
    weight: num({ label: 'Weight λ', default: 0.1, min: 0, max: 100, step: 0.01, doc: 'λ, the multiplier of the penalty (0.1 in the reference).' }),
  },
  loss: { weight: (p) => p.weight, phase: () => 'main' },
  infer: ({ inputs }) => {
    const t = inputs.jacobian;
    if (t.shape.includes('B') || featureSize(t) !== 1) return problem(`jacobian must be a scalar, got ${formatType(t)}`, { portIds: ['jacobian'] });
    return { loss: scalarType() };
  },
  // the penalty is computed by the encoder (it needs its weights); λ is applied by the compiler
  forward: ({ tf, inputs }) => ({ loss: tf.reshape(inputs.jacobian, []) }),
});
