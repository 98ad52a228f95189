import { mlpHead } from './mlp-head';

export const projector = mlpHead({
  type: 'net.projector',
  label: 'Projector',
  doc: 'A small MLP between the encoder and the joint-embedding loss. The loss is computed on its output, which lets it throw away what the loss does not need; the encoder output before it keeps more information and is what gets evaluated (the projector is dropped afterwards).',
  hidden: [256],
  out: 64,
  normOutput: false,
  roles: ['projection'],
});
