import { blockMasks, blocksFit, maskedCount, maskPositions, randomMasks, takeTokens } from '../../engine/ops/masking';
import { choice, int, num } from '../../engine/params';
import { mulberry32 } from '../../engine/rng';
import { defineNode } from '../../engine/spec';
import { formatType, problem } from '../../engine/types';

type P = { mode: 'random' | 'block'; ratio: number; blocks: number; blockH: number; blockW: number };

/** Hidden patches per image for these params on a gh×gw grid. */
export function hiddenCount(p: P, gh: number, gw: number): number {
  return p.mode === 'random' ? maskedCount(gh * gw, p.ratio) : p.blocks * p.blockH * p.blockW;
}

export const mask = defineNode({
  type: 'op.mask',
  version: 1,
  label: 'Mask',
  category: 'operator',
  roles: ['eval-passthrough'],
  doc: 'Masking, the augmentation of transformers: hides some patches of each image and passes on only the visible tokens, plus the mask. MAE hides a random 75% and reconstructs their pixels; I-JEPA hides a few rectangular blocks and predicts their embeddings. Evaluation sees every patch.',
  inputs: [{ id: 'in', label: 'tokens', type: 'tokens' }],
  outputs: [
    { id: 'kept', label: 'visible', type: 'tokens', doc: 'The visible tokens, in patch order: [B, T_visible, D].' },
    { id: 'mask', label: 'mask', type: 'mask', doc: '1 where a patch is hidden, 0 where visible: [B, rows, columns].' },
  ],
  params: {
    mode: choice({ label: 'Masking', options: ['random', 'block'] as const, default: 'random', doc: 'random: patches drawn uniformly (MAE). block: rectangular blocks (I-JEPA’s targets), the rest is context.' }),
    ratio: num({ label: 'Mask ratio', default: 0.75, min: 0.05, max: 0.95, step: 0.05, doc: 'Random masking: the fraction of patches hidden, rounded to a whole number of patches (the same in every image).' }),
    blocks: int({ label: 'Blocks', default: 2, min: 1, max: 8, doc: 'Block masking: number of non-overlapping blocks hidden per image.' }),
    blockH: int({ label: 'Block height', default: 2, min: 1, max: 16, doc: 'Block masking: rows of patches per block.' }),
    blockW: int({ label: 'Block width', default: 2, min: 1, max: 16, doc: 'Block masking: columns of patches per block.' }),
  },
  example: { inputs: { in: { type: 'tokens', shape: ['B', 16, 32], grid: [4, 4] } } },
  infer: ({ inputs, params: p }) => {
    const t = inputs.in;
    if (t.type !== 'tokens' || t.shape.length !== 3 || !t.grid) return problem(`Mask needs patch tokens [B, T, D] from Patchify, got ${formatType(t)}`, { portIds: ['in'] });
    const [gh, gw] = t.grid;
    if (p.mode === 'block' && !blocksFit(gh, gw, p.blockH, p.blockW, p.blocks)) {
      return problem(`${p.blocks} blocks of ${p.blockH}×${p.blockW} patches do not fit side by side on the ${gh}×${gw} patch grid with context left over`);
    }
    const hidden = hiddenCount(p, gh, gw);
    return {
      kept: { type: 'tokens', shape: ['B', gh * gw - hidden, t.shape[2]], views: t.views },
      mask: { type: 'mask', shape: ['B', gh, gw], views: t.views },
    };
  },
  draws: ({ outputs }) => ({ mask: outputs.mask }),
  forward(ctx) {
    const { tf, params: p } = ctx;
    const x = ctx.inputs.in; // [B, T, D]
    const [gh, gw] = ctx.inputTypes.in.grid!;
    const rows = x.shape[0];
    const hidden = hiddenCount(p, gh, gw);
    // masks are drawn on the CPU from the run's seed: small, and exact in count
    const rand = mulberry32(ctx.seed());
    const m = p.mode === 'random' ? randomMasks(rows, gh * gw, hidden, rand) : blockMasks(rows, gh, gw, p.blockH, p.blockW, p.blocks, rand);
    const maskT = tf.tensor3d(m, [rows, gh, gw]); // [B, gh, gw]
    const kept = takeTokens(tf, x, maskPositions(tf, maskT, gh * gw - hidden, 'kept')); // [B, Tk, D]
    return { kept, mask: maskT };
  },
});
