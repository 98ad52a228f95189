import { int } from '../../engine/params';
import { defineNode } from '../../engine/spec';
import { featureSize } from '../../engine/types';

export const dictionary = defineNode({
  type: 'net.dictionary',
  version: 1,
  label: 'Dictionary',
  category: 'network',
  doc: 'A linear decoder x̃ = Dz whose columns (atoms) are kept at unit norm. Sparse coding explains each image as a few atoms; without the norm constraint the L1 penalty could be dodged by growing D and shrinking z.',
  formula: 'x̂ = D z  (one atom per column of D)',
  lecture: 'Classical and energy-based',
  inputs: [{ id: 'in', label: 'code', type: 'latent', accepts: ['latent', 'vector'] }],
  outputs: [{ id: 'out', label: 'image', type: 'image' }],
  params: {
    height: int({ label: 'Image height', default: 28, min: 1, max: 256, doc: 'Height of the produced image.' }),
    width: int({ label: 'Image width', default: 28, min: 1, max: 256, doc: 'Width of the produced image.' }),
    channels: int({ label: 'Image channels', default: 1, min: 1, max: 4, doc: '1 for grey, 3 for colour: as many as the images it explains.' }),
  },
  infer: ({ inputs, params }) => ({ out: { type: 'image', shape: ['B', params.height, params.width, params.channels], views: inputs.in.views } }),
  init(ctx) {
    const { tf } = ctx;
    const d = ctx.variable('d', [featureSize(ctx.inputTypes.in), ctx.params.height * ctx.params.width * ctx.params.channels], 'glorot'); // [M atoms, I = H·W·C values]
    tf.tidy(() => d.assign(tf.div(d, tf.norm(d, 'euclidean', 1, true))));
  },
  forward(ctx) {
    const { tf, vars, params } = ctx;
    const z = ctx.inputs.in;
    ctx.afterStep(() => {
      vars.d.assign(tf.div(vars.d, tf.add(tf.norm(vars.d, 'euclidean', 1, true), 1e-8)));
    });
    const x = tf.matMul(tf.reshape(z, [z.shape[0], -1]) as never, vars.d as never); // [N, I]
    return { out: tf.reshape(x, [z.shape[0], params.height, params.width, params.channels]) };
  },
});
