// Shared by the augmentation nodes' export parts: each node calls its function in
// the exported augment.py through self.draw, so the parity check can feed the
// studio's augmented views. The functions draw one set of parameters per row from
// torch's generator and apply them in batched tensor ops, like the studio's
// (engine/ops/augment/); torchvision.transforms.v2 is not used because Debian's
// torchvision (0.14) predates it, and these keep every parameterisation exact.
import { kwargs, type EmitArgs, type PyDef, type TorchPart } from '../../engine/export/types';

export const AUG_CORE: PyDef = {
  file: 'augment',
  key: 'core',
  source: String.raw`
def _rows(x, values):
    """A per-row value [N] broadcast over the other dims of x."""
    return values.reshape(-1, *([1] * (x.dim() - 1)))


def _select(x, y, applied):
    return torch.where(_rows(x, applied), y, x)


def _sample(x, src_x, src_y, mode="bilinear"):
    """Reads x [N, H, W, C] at pixel coordinates [N, H, W] (edge pixels repeat past the border)."""
    n, h, w, c = x.shape
    grid = torch.stack([2 * src_x / max(w - 1, 1) - 1, 2 * src_y / max(h - 1, 1) - 1], -1)
    y = F.grid_sample(x.permute(0, 3, 1, 2), grid, mode=mode, padding_mode="border", align_corners=True)
    return y.permute(0, 2, 3, 1)
`,
};

/** An augmentation node's forward: `out = self.draw('<id>.out', lambda: augment.<fn>(x, ...))` while training. */
export function augmentCall(fn: string, args: (p: Record<string, unknown>) => Record<string, unknown>, always = false) {
  return ({ id, inputs, out, params }: EmitArgs): string[] => {
    const call = `augment.${fn}(${inputs.in}, ${kwargs(args(params))})`;
    const drawn = `self.draw(${JSON.stringify(`${id}.out`)}, lambda: ${call})`;
    return [always ? `${out.out} = ${drawn}` : `${out.out} = ${drawn} if self.augmenting else ${inputs.in}`];
  };
}

export function augmentPart(fn: string, source: string, args: (p: Record<string, unknown>) => Record<string, unknown>, always?: (p: Record<string, unknown>) => boolean): TorchPart {
  return {
    code: [AUG_CORE, { file: 'augment', key: fn, source }],
    forward: (a) => augmentCall(fn, args, always?.(a.params) ?? false)(a),
  };
}
