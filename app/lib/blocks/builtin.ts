// The blocks every studio ships with: the heads and branches the SSL and VAE
// presets are built from, with the presets' sizes. Written as fragments so they
// are inserted exactly like a saved block.
import { getSpec } from '../../../nodes/registry';
import { FRAGMENT_KIND, type Fragment } from '../fragment';
import type { Block } from './block';

type N = [id: string, type: string, params: Record<string, unknown>, x: number, y: number];
type E = [from: string, fromPort: string, to: string, toPort: string];

function fragment(nodes: N[], edges: E[]): Fragment {
  return {
    kind: FRAGMENT_KIND,
    version: 1,
    // at each spec's current version, so an inserted block starts like a node from the palette
    nodes: nodes.map(([id, type, params, x, y]) => ({ id, type, typeVersion: getSpec(type)?.version ?? 1, params, position: { x, y } })),
    edges: edges.map(([a, ap, b, bp]) => ({ id: `e-${b}-${bp}`, from: { node: a, port: ap }, to: { node: b, port: bp } })),
  };
}

export const BUILTIN_BLOCKS: readonly Block[] = [
  {
    id: 'builtin:projector-head',
    name: 'SSL projector head',
    description: 'A 2-layer MLP projector (256 hidden, 64 out) after the encoder, as in SimCLR and BYOL: the loss acts on its output, the representation is taken before it.',
    builtIn: true,
    fragment: fragment([['projector', 'net.projector', { hidden: [256], out: 64 }, 0, 0]], []),
  },
  {
    id: 'builtin:predictor-head',
    name: 'Predictor head',
    description: 'The online branch’s predictor (BYOL, SimSiam): an MLP that maps the projection to a guess of the target branch’s projection.',
    builtIn: true,
    fragment: fragment([['predictor', 'net.predictor', { hidden: [256] }, 0, 0]], []),
  },
  {
    id: 'builtin:momentum-branch',
    name: 'Momentum-target branch',
    description: 'An online encoder and projector with a momentum encoder that follows both (EMA, cosine schedule to 1): the target branch of BYOL and MoCo. Wire the views into both encoders.',
    builtIn: true,
    fragment: fragment(
      [
        ['encoder', 'net.encoder', { hidden: [512], latent: 128 }, 0, 0],
        ['projector', 'net.projector', { hidden: [256], out: 64 }, 340, 0],
        ['momentum', 'net.momentum-encoder', { follows: ['encoder', 'projector'], momentum: 0.99, schedule: 'cosine' }, 340, 200],
      ],
      [['encoder', 'out', 'projector', 'in']],
    ),
  },
  {
    id: 'builtin:vae-bottleneck',
    name: 'VAE bottleneck',
    description: 'A Gaussian encoder, the reparameterised sampler and the KL term: wire an image in, a decoder after the sampler, and a reconstruction loss.',
    builtIn: true,
    fragment: fragment(
      [
        ['encoder', 'net.encoder', { hidden: [400], latent: 20, output: 'gaussian' }, 0, 0],
        ['sampler', 'op.sampler', {}, 340, 0],
        ['kl', 'loss.kl', {}, 340, 200],
      ],
      [
        ['encoder', 'out', 'sampler', 'dist'],
        ['encoder', 'out', 'kl', 'dist'],
      ],
    ),
  },
];
