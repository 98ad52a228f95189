import { mlpHead } from './mlp-head';

// A plain MLP on vectors, for graphs whose network is neither an encoder of
// images nor an SSL head: e.g. a latent-variable EBM's decoder from z to the plane.
export const mlp = mlpHead({
  type: 'net.mlp',
  label: 'MLP',
  doc: 'A multilayer perceptron on vectors or codes: hidden layers with a non-linearity, then a linear output. In a latent-variable EBM it is the decoder dec(z) that maps a low-dimensional latent to the data space, so E(y, z) = ‖y − dec(z)‖² is low only along the curve (or surface) it traces.',
  hidden: [64, 64],
  out: 2,
  normOutput: false,
});
