import { mlpHead } from './mlp-head';

export const predictor = mlpHead({
  type: 'net.predictor',
  label: 'Predictor',
  doc: 'An MLP on the online branch only, predicting the target branch’s embedding. With the stop-gradient on the target, the predictor breaks the symmetry between the two branches: it is what keeps BYOL and SimSiam from collapsing to a constant.',
  hidden: [64],
  out: 0,
  normOutput: false,
});
