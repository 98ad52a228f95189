// PyTorch export of Mask (mask.ts): exactly the same number of hidden patches in
// every image (random, or non-overlapping blocks), drawn through self.draw so the
// parity check feeds the studio's masks; the visible tokens in patch order.
import { kwargs, type TorchPart } from '../../engine/export/types';
import { PATCH_CORE } from '../network/patchify.torch';
import { hiddenCount } from './mask';

const MASKS = String.raw`
def draw_masks(n, grid, mode, hidden, blocks, block_h, block_w, device=None):
    """[n, gh, gw] of 0 (visible) / 1 (hidden), exactly ` + '`hidden`' + String.raw` ones per row."""
    gh, gw = grid
    if mode == "random":
        ids = torch.rand(n, gh * gw).argsort(1)[:, :hidden]
        m = torch.zeros(n, gh * gw).scatter_(1, ids, 1.0)
        return m.reshape(n, gh, gw).to(device)
    m = torch.zeros(n, gh, gw)
    tiles = [(i, j) for i in range(0, gh - block_h + 1, block_h) for j in range(0, gw - block_w + 1, block_w)]
    for r in range(n):
        placed = 0
        for _ in range(blocks):
            for _ in range(50):
                i = int(torch.randint(gh - block_h + 1, ()))
                j = int(torch.randint(gw - block_w + 1, ()))
                if m[r, i:i + block_h, j:j + block_w].sum() == 0:
                    m[r, i:i + block_h, j:j + block_w] = 1
                    placed += 1
                    break
        if placed < blocks:  # crowded: random cells of a tiling, which always has room
            m[r] = 0
            for k in torch.randperm(len(tiles))[:blocks].tolist():
                i, j = tiles[k]
                m[r, i:i + block_h, j:j + block_w] = 1
    return m.to(device)
`;

export const maskTorch: TorchPart = {
  code: [PATCH_CORE, { file: 'model', key: 'draw_masks', source: MASKS }],
  forward: ({ id, params: p, inputs, inputTypes, out }) => {
    const [gh, gw] = inputTypes.in.grid!;
    const hidden = hiddenCount(p as never, gh, gw);
    const args = kwargs({ grid: [gh, gw], mode: p.mode, hidden, blocks: p.blocks, block_h: p.blockH, block_w: p.blockW });
    return [
      `${out.mask} = self.draw(${JSON.stringify(`${id}.mask`)}, lambda: draw_masks(${inputs.in}.shape[0], ${args}, device=${inputs.in}.device))`,
      `${out.kept} = take_tokens(${inputs.in}, mask_positions(${out.mask}, ${gh * gw - hidden}, "kept"))`,
    ];
  },
};
